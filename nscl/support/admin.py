from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Council, CouncilMember, PriorityCriterion, ScoringCriterion, SupportCase


@admin.register(PriorityCriterion)
class PriorityCriterionAdmin(admin.ModelAdmin):
    """The plan's priority criteria and their weights, editable per plan."""

    list_display = ["plan", "label", "points"]
    list_editable = ["points"]
    list_filter = ["plan"]


@admin.register(ScoringCriterion)
class ScoringCriterionAdmin(SimpleHistoryAdmin):
    """The selection council's criteria: a set per plan, or per call (which replaces the
    plan's); the defaults are made from the plans' selection criteria when first needed."""

    list_display = ["plan", "call", "order", "label", "max_points"]
    list_filter = ["plan", "call"]


class MemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "decision_number", "decision_date", "concluded_at"]
    inlines = [MemberInline]


@admin.register(SupportCase)
class SupportCaseAdmin(SimpleHistoryAdmin):
    """Read-only: a case changes state only through its workflow."""

    list_display = ["code", "beneficiary", "status"]
    list_filter = ["status"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

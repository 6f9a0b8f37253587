from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Phase,
    Plan,
    TaskAssignment,
    TaskGroup,
)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


class TargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


class AssignmentInline(admin.TabularInline):
    model = TaskAssignment
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "province", "issued_on", "start_year", "end_year"]
    search_fields = ["search_key"]
    inlines = [PhaseInline]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "order", "name", "measure_unit", "direction"]
    list_filter = ["plan"]
    inlines = [TargetInline]


@admin.register(TaskGroup)
class TaskGroupAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "order", "title"]
    inlines = [AssignmentInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "unit", "value", "source_note"]
    list_filter = ["year"]

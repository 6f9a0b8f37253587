"""Who may read and write a plan's budget (allowed-or-why, called by the services)."""

from django.utils.translation import gettext as _

from nscl.core.permissions import Decision, allow_if
from nscl.organisation.permissions import page_for, runs_a_program
from nscl.organisation.scope import Scope, manages_province, restrict, scope_of
from nscl.plans.models import Plan

from .models import Appendix

# A plan, asked about its budget, is read by those who read the plan's appendices.
BUDGET_OF_PLAN = Scope(province="province", view=scope_of(Appendix).view)


def can_view_budget(user, plan: Plan) -> Decision:
    seen = restrict(Plan.objects.filter(pk=plan.pk), user, scope=BUDGET_OF_PLAN).exists()
    return allow_if(seen, _("Bạn không được xem dự toán của kế hoạch này."))


def can_change_budget(user, plan: Plan) -> Decision:
    return allow_if(manages_province(user, plan.province),
                    _("Chỉ cơ quan điều hành Chương trình của tỉnh được nhập, sửa dự toán."))


def can_use_budget_check(user) -> Decision:
    """Checking a budget file before it is imported: the program office's tool."""
    return page_for(runs_a_program(user))

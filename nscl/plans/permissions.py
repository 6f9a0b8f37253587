"""Who may change plans and enter indicator values (allowed-or-why, called by the services)."""

from django.utils.translation import gettext as _

from nscl.core.permissions import Decision, allow_if
from nscl.organisation.models import Unit
from nscl.organisation.permissions import is_reporter, oversees, page_for
from nscl.organisation.scope import manages_province, reports_for

from .models import Indicator, Plan


def can_change_plan(user, plan: Plan) -> Decision:
    return allow_if(manages_province(user, plan.province),
                    _("Chỉ cơ quan điều hành Chương trình của tỉnh được sửa kế hoạch."))


def can_record_value(user, indicator: Indicator, unit: Unit) -> Decision:
    """A value for `unit`: its own reporter, or the program office of the plan's province."""
    in_province = unit.path.startswith(indicator.plan.province.province_path())
    return allow_if(in_province and (manages_province(user, unit) or reports_for(user, unit)),
                    _("Bạn không được nhập số liệu cho đơn vị này."))


def can_use_plans(user) -> Decision:
    """The plan list: those who oversee, and the units' reporters (who enter indicator values);
    enterprises and council members reach a plan through their calls and councils."""
    return page_for(oversees(user) or is_reporter(user))

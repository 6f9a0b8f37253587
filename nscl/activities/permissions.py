"""Who may record activities (allowed-or-why, called by the services)."""

from django.utils.translation import gettext as _

from nscl.core.permissions import Decision, allow_if
from nscl.organisation.models import Unit
from nscl.organisation.permissions import is_reporter, oversees, page_for
from nscl.organisation.scope import manages_province, reports_for
from nscl.plans.models import Plan

from .models import Event


def can_record_event(user, plan: Plan, organiser: Unit) -> Decision:
    """The program office of the plan's province, or the organising unit's reporter."""
    return allow_if(manages_province(user, plan.province) or reports_for(user, organiser),
                    _("Bạn không được ghi hoạt động cho đơn vị này."))


def can_import_attendance(user, event: Event) -> Decision:
    return allow_if(manages_province(user, event.plan.province)
                    or reports_for(user, event.organiser),
                    _("Bạn không được nhập danh sách cho hoạt động này."))


def can_record_people(user, plan: Plan) -> Decision:
    """Experts and award entries of a plan: its province's program office."""
    return allow_if(manages_province(user, plan.province),
                    _("Chỉ cơ quan điều hành Chương trình ghi chuyên gia và giải thưởng."))


def can_use_events(user) -> Decision:
    """The activity list: those who oversee, and the units' reporters (who organise events)."""
    return page_for(oversees(user) or is_reporter(user))

"""What each role starts from: where it lands after login (its own work first), and the kinds of
work a role has at all — the menu and the list pages ask these (through each app's
`can_use_*` check) so that a page is offered exactly to those it serves."""

from django.utils.translation import gettext as _

from nscl.core.permissions import Decision, allow_if

from .choices import Role, UnitKind
from .scope import PROVINCE_READERS


def page_for(condition: bool) -> Decision:
    """A page of work offered to a role (in the menu) or refused with 403 to the others."""
    return allow_if(condition, _("Trang này không thuộc công việc của tài khoản bạn."))


def can_use_units(user) -> Decision:
    """The unit tree: those who oversee a province or the nation."""
    return page_for(oversees(user))


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated


def oversees(user) -> bool:
    """Those who read a whole province (office, leadership, viewers) or the nation (Ministry)."""
    return _signed_in(user) and (user.is_superuser or user.role == Role.MINISTRY or (
        user.role in PROVINCE_READERS and user.unit_id is not None))


def reads_a_province(user) -> bool:
    """The program office, leadership and viewers of one province (its dashboard)."""
    return _signed_in(user) and (user.is_superuser or (
        user.role in PROVINCE_READERS and user.unit_id is not None))


def runs_a_program(user) -> bool:
    """A province's program office (or an administrator)."""
    return _signed_in(user) and (user.is_superuser or (
        user.role == Role.PROGRAM_OFFICE and user.unit_id is not None))


def is_reporter(user) -> bool:
    """A unit's reporter (a department, a commune, an association …)."""
    return _signed_in(user) and user.role == Role.UNIT_REPORTER and user.unit_id is not None


def reports_for_a_commune(user) -> bool:
    """A commune's reporter: the enterprises and cases located in the commune are its concern."""
    return is_reporter(user) and user.unit.kind == UnitKind.COMMUNE


def is_beneficiary(user) -> bool:
    """An enterprise, cooperative or household business acting for itself."""
    return _signed_in(user) and user.role == Role.BENEFICIARY and user.unit_id is not None


def landing_url_name(user, has_tasks) -> str:
    """Each role lands on its own work: a council member on its councils, a unit's reporter on
    its reporting requests, the Ministry on its national comparison, a beneficiary on what waits
    for it (its cases' steps and the calls open to it), leadership on its approvals when some
    wait and else on the dashboard, a viewer on the dashboard, the office on its inbox when work
    waits and else on its plans. `has_tasks()` is asked only where the answer matters (the inbox
    is not cheap)."""
    if not _signed_in(user):
        return "login"
    if user.is_superuser:
        return "workflow:inbox" if has_tasks() else "plans:plan_list"
    if user.role == Role.COUNCIL_MEMBER:
        return "support:my_councils"
    if user.role == Role.UNIT_REPORTER:
        return "reporting:inbox"
    if user.role == Role.MINISTRY:
        return "reporting:compare"
    if user.role == Role.BENEFICIARY:
        return "workflow:inbox"
    if user.role == Role.VIEWER:
        return "dashboard:home"
    if user.role == Role.LEADERSHIP:
        return "workflow:inbox" if has_tasks() else "dashboard:home"
    return "workflow:inbox" if has_tasks() else "plans:plan_list"

"""What each role starts from: where it lands after login (its own work first)."""

from .choices import Role


def landing_url_name(user, has_tasks: bool) -> str:
    """Everyone with work waiting lands on "Việc chờ tôi"; so do beneficiaries, council
    members and units' reporters always (their work is what they come for); the others on
    the plans."""
    if has_tasks or (user.is_authenticated and user.role in (
            Role.COUNCIL_MEMBER, Role.BENEFICIARY, Role.UNIT_REPORTER)):
        return "workflow:inbox"
    return "plans:plan_list"

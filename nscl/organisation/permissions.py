"""What each role starts from: where it lands after login (its own work first)."""

from .choices import Role


def landing_url_name(user) -> str:
    """Beneficiaries and council members land on what waits for them; the others on plans."""
    if user.is_authenticated and user.role in (Role.COUNCIL_MEMBER, Role.BENEFICIARY):
        return "support:waiting"
    return "plans:plan_list"

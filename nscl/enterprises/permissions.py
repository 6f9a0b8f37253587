"""Who may write the registry (allowed-or-why, called by the services)."""

from django.utils.translation import gettext as _

from nscl.core.permissions import Decision, allow_if
from nscl.organisation.models import Unit
from nscl.organisation.permissions import oversees, page_for, reports_for_a_commune
from nscl.organisation.scope import manages_province


def can_register(user, commune: Unit) -> Decision:
    """The program office registers the enterprises located in its province."""
    return allow_if(manages_province(user, commune),
                    _("Chỉ cơ quan điều hành Chương trình của tỉnh được thêm đối tượng thụ hưởng."))


def can_use_registry(user) -> Decision:
    """The beneficiary register: those who oversee, and a commune's reporter (the enterprises
    located in it)."""
    return page_for(oversees(user) or reports_for_a_commune(user))

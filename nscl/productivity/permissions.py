"""Who may enter a province's growth series (allowed-or-why)."""

from django.utils.translation import gettext as _

from nscl.core.permissions import Decision, allow_if
from nscl.organisation.choices import Role, UnitKind
from nscl.organisation.models import Unit
from nscl.organisation.scope import manages_province


def can_enter_series(user, province: Unit) -> Decision:
    """The program office, or a reporter of the province's statistics office."""
    statistics = (user is not None and user.is_authenticated and user.unit_id is not None
                  and user.role == Role.UNIT_REPORTER and user.unit.kind == UnitKind.STATISTICS
                  and province.path.startswith(user.unit.province_path()))
    return allow_if(manages_province(user, province) or statistics,
                    _("Chỉ cơ quan điều hành hoặc cơ quan thống kê được nhập số liệu."))

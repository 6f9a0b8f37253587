"""Who the dashboard is for (allowed-or-why)."""

from nscl.core.permissions import Decision
from nscl.organisation.permissions import page_for, reads_a_province


def can_use_dashboard(user) -> Decision:
    """"Bảng điều khiển" in the menu: the office, leadership and viewers of a province (the
    Ministry compares provinces instead; a plan's dashboard stays open from its plan page)."""
    return page_for(reads_a_province(user))

"""The site's menu, declared once: each entry names its page and the permission check that
page itself requires (the same function, from the app's permissions.py). The menu shows a role
exactly the pages it may use — no role is compared in a template — and a page not shown answers
403 (the menu test walks every entry for every demo role)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nscl.activities.permissions import can_use_events
from nscl.budget.permissions import can_use_budget_check
from nscl.core.permissions import ALLOWED, Decision
from nscl.dashboard.permissions import can_use_dashboard
from nscl.enterprises.permissions import can_use_registry
from nscl.organisation.permissions import can_use_units
from nscl.plans.permissions import can_use_plans
from nscl.reporting.permissions import can_compare_provinces, can_use_reporting
from nscl.support.permissions import can_use_cases, can_use_councils, can_use_open_calls
from nscl.traceability.permissions import can_use_products


def everyone(user) -> Decision:
    return ALLOWED


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str
    permission: Callable[[object], Decision]

    @property
    def url(self) -> str:
        return reverse(self.url_name)


MENU: tuple[Entry, ...] = (
    Entry("workflow:inbox", _("Việc chờ tôi"), everyone),
    Entry("support:my_councils", _("Hội đồng của tôi"), can_use_councils),
    Entry("dashboard:home", _("Bảng điều khiển"), can_use_dashboard),
    Entry("reporting:compare", _("So sánh các tỉnh"), can_compare_provinces),
    Entry("plans:plan_list", _("Kế hoạch"), can_use_plans),
    Entry("activities:event_list", _("Hoạt động"), can_use_events),
    Entry("support:case_list", _("Hỗ trợ doanh nghiệp"), can_use_cases),
    Entry("support:calls_open", _("Đợt đang nhận hồ sơ"), can_use_open_calls),
    Entry("enterprises:beneficiary_list", _("Đối tượng"), can_use_registry),
    Entry("traceability:product_list", _("Truy xuất"), can_use_products),
    Entry("reporting:inbox", _("Báo cáo"), can_use_reporting),
    Entry("budget:budget_check", _("Kiểm tra dự toán"), can_use_budget_check),
    Entry("organisation:unit_list", _("Đơn vị"), can_use_units),
)


def menu_for(user) -> list[Entry]:
    if not user.is_authenticated:
        return []
    return [entry for entry in MENU if entry.permission(user)]


def menu(request) -> dict:
    """Context processor: `menu`, computed once per page and only when the page shows it."""
    from django.utils.functional import SimpleLazyObject

    def build():
        path = request.path
        entries = menu_for(request.user)
        current = max((e for e in entries if path.startswith(e.url)),
                      key=lambda e: len(e.url), default=None)
        return [{"url": e.url, "label": e.label, "current": e is current} for e in entries]

    return {"menu": SimpleLazyObject(build)}

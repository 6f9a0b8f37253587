"""The key figures of a plan for a data window — one list that the dashboard, the reports and
the Ministry's comparison all read, so they cannot disagree.

Nothing is counted here: each figure calls the function of the app that owns the records
(`support.figures`, `activities.figures`, `budget.execution`, `productivity.figures`) with the
window, once for the period ("trong kỳ") and once from the start of the phase to the same
cut-off ("lũy kế"). A figure with no record behind it has no value (None, shown as "chưa có số
liệu"), never a zero; every value carries the address of the list of records behind it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nscl.activities import figures as activity_figures
from nscl.activities.choices import COMMUNICATION, EventKind
from nscl.budget.execution import spent_between
from nscl.core.numbers import format_vn_number
from nscl.core.periods import Window
from nscl.productivity.figures import tfp_contribution
from nscl.support import figures as support_figures
from nscl.support.choices import DONE_STATES

NO_DATA = _("chưa có số liệu")
WORKSHOPS = (EventKind.WORKSHOP, EventKind.CONFERENCE)
KEYS = ("support_turns", "enterprises", "workshops", "trainings", "participants",
        "communication", "experts", "paid", "tfp_share")


@dataclass
class Figure:
    """One figure: in the period and cumulative, each with the records behind it."""

    key: str
    label: str
    unit: str
    value: Decimal | None
    cumulative: Decimal | None
    links: list[tuple[str, str]] = field(default_factory=list)
    cumulative_links: list[tuple[str, str]] = field(default_factory=list)
    places: int | None = None
    cumulative_label: str = ""

    @property
    def link(self) -> str:
        return self.links[0][1] if self.links else ""

    @property
    def cumulative_link(self) -> str:
        return self.cumulative_links[0][1] if self.cumulative_links else ""

    def text(self, cumulative: bool = False) -> str:
        value = self.cumulative if cumulative else self.value
        return str(NO_DATA) if value is None else format_vn_number(value, self.places)

    @property
    def cumulative_text(self) -> str:
        return self.text(cumulative=True)

    def frozen(self) -> dict:
        """As stored with a sent report (strings: JSON keeps Decimals exact that way; written
        without the column's trailing zeros, so "658" on every database)."""
        return {"label": str(self.label), "unit": str(self.unit),
                "value": _exact(self.value), "cumulative": _exact(self.cumulative),
                "places": self.places}


def _exact(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def _count(n: int) -> Decimal | None:
    return Decimal(n) if n else None


def _url(name: str, args=(), **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    return reverse(name, args=args) + (f"?{query}" if query else "")


def phase_window(plan, window: Window) -> Window:
    """From the first day of the phase the window ends in, to the window's cut-off."""
    phase = plan.phase_for(window.until.year)
    start = dt.date(phase.start_year, 1, 1) if phase else window.since
    return Window(min(start, window.since), window.until)


def key_figures(plan, window: Window, years: tuple[int, int] | None = None) -> list[Figure]:
    """The plan's key figures in `window` and cumulated from the start of its phase.

    `years` (first, last) are the whole years the period covers, for the figures that exist
    only by year (TFP); a period shorter than a year has none."""
    total = phase_window(plan, window)
    figures = [_support(plan, window, total, counted="turns"),
               _support(plan, window, total, counted="enterprises")]
    figures += [_events(plan, window, total, key, label, kinds)
                for key, label, kinds in (
                    ("workshops", _("Hội thảo, hội nghị"), WORKSHOPS),
                    ("trainings", _("Khóa đào tạo, tập huấn"), (EventKind.TRAINING,)))]
    figures.append(_participants(plan, window, total))
    figures.append(_events(plan, window, total, "communication", _("Sản phẩm truyền thông"),
                           tuple(sorted(COMMUNICATION))))
    figures.append(_experts(plan, window, total))
    figures.append(_paid(plan, window, total))
    figures.append(_tfp(plan, years, total))
    for figure in figures:
        figure.cumulative_label = str(_("lũy kế từ %(a)s đến %(b)s") % {
            "a": f"{total.since:%d/%m/%Y}", "b": f"{total.until:%d/%m/%Y}"})
    return figures


def by_key(figures: list[Figure]) -> dict[str, Figure]:
    return {f.key: f for f in figures}


def _support(plan, window, total, counted: str) -> Figure:
    def value(w):
        cases = support_figures.accepted_in(plan, w)
        n = cases.count() if counted == "turns" else support_figures.supported_count(cases)
        return _count(n)

    def links(w):
        return [(str(_("Hồ sơ nghiệm thu đạt")), _url(
            "support:case_list", ke_hoach=plan.pk, status=",".join(DONE_STATES), **w.query()))]
    if counted == "turns":
        label, unit = _("Lượt hỗ trợ doanh nghiệp được nghiệm thu đạt"), _("lượt")
        key = "support_turns"
    else:
        label, unit = _("Doanh nghiệp, HTX, hộ kinh doanh được hỗ trợ"), _("đơn vị")
        key = "enterprises"
    return Figure(key, label, unit, value(window), value(total), links(window), links(total))


def _events(plan, window, total, key, label, kinds) -> Figure:
    def value(w):
        return _count(activity_figures.events_between(plan, w, kinds=kinds).count())

    def links(w):
        return [(str(label), _url("activities:event_list", ke_hoach=plan.pk,
                                  kind=",".join(kinds), **w.query()))]
    return Figure(key, label, _("hoạt động"), value(window), value(total), links(window),
                  links(total))


def _participants(plan, window, total) -> Figure:
    def value(w):
        events = activity_figures.events_between(plan, w)
        return _count(activity_figures.turns(events)) if events.exists() else None

    def links(w):
        return [(str(_("Hoạt động")), _url("activities:event_list", ke_hoach=plan.pk,
                                           **w.query()))]
    return Figure("participants", _("Lượt người tham dự hội thảo, đào tạo, tập huấn"),
                  _("lượt người"), value(window), value(total), links(window), links(total))


def _experts(plan, window, total) -> Figure:
    def value(w):
        return _count(activity_figures.experts_between(plan, w).count())

    def links(w):
        return [(str(_("Chuyên gia")), _url("activities:plan_people", args=[plan.pk],
                                            **w.query()))]
    return Figure("experts", _("Chuyên gia năng suất được cấp chứng chỉ"), _("người"),
                  value(window), value(total), links(window), links(total))


def _paid(plan, window, total) -> Figure:
    """Payments booked and event costs of events held in the window; none booked: no figure."""
    def value(w):
        has_records = (support_figures.payments_in(plan, w).exists()
                       or activity_figures.costs_between(plan, w).exists())
        return spent_between(plan, w)[1] if has_records else None

    def links(w):
        return [(str(_("Thanh toán hỗ trợ")), _url("support:plan_payments", args=[plan.pk],
                                                  **w.query())),
                (str(_("Chi phí hoạt động")), _url("activities:event_list", ke_hoach=plan.pk,
                                                   chi_phi=1, **w.query()))]
    return Figure("paid", _("Kinh phí đã chi"), _("triệu đồng"), value(window), value(total),
                  links(window), links(total), places=None)


def _tfp(plan, years, total) -> Figure:
    """TFP's share of GRDP growth, for whole years only (the series is yearly)."""
    link = [(str(_("Năng suất, TFP")), _url("productivity:plan_tfp", args=[plan.pk]))]

    def value(first, last):
        result = tfp_contribution(plan.province, first, last)
        share = result.tfp_share if result is not None else None
        return None if share is None else share.quantize(Decimal("0.01"))
    in_period = value(*years) if years else None
    phase = plan.phase_for(total.until.year)
    last = years[1] if years else total.until.year - 1
    cumulative = value(phase.start_year, last) if phase and last >= phase.start_year else None
    return Figure("tfp_share", _("Đóng góp của TFP vào tăng trưởng GRDP"), "%", in_period,
                  cumulative, link, link, places=2)

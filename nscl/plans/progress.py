"""A plan's progress: each indicator's target, current value and share achieved, per phase.

Values come from `IndicatorValue` rows for now (entered with a source note); the indicator engine
of later modules will compute the same `IndicatorProgress` from records. One query for all values.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from . import engine
from .choices import Direction, IndicatorKind
from .models import Indicator, IndicatorTarget, IndicatorValue, Phase, Plan

ACHIEVED, NOT_YET, NO_DATA, NO_TARGET = "achieved", "not_yet", "no_data", "no_target"
ON_TRACK, BEHIND = "on_track", "behind"
STATUS_LABELS = {ACHIEVED: _("Đạt"), NOT_YET: _("Chưa đạt"), NO_DATA: _("Chưa có số liệu"),
                 NO_TARGET: _("Không có chỉ tiêu cho giai đoạn"), ON_TRACK: _("Đúng tiến độ"),
                 BEHIND: _("Chậm tiến độ")}


@dataclass
class IndicatorProgress:
    indicator: Indicator
    target: IndicatorTarget | None
    current: Decimal | None
    by_year: dict[int, Decimal] = field(default_factory=dict)
    elapsed: Decimal = Decimal(1)  # share of the phase's years gone by at the as-of year

    @property
    def share(self) -> Decimal | None:
        """Current ÷ target; None where a share means nothing (no data, "at most", zero target)."""
        if self.current is None or self.target is None or self.target.value == 0:
            return None
        if self.indicator.direction == Direction.AT_MOST:
            return None
        return self.current / self.target.value

    @property
    def status(self) -> str:
        if self.target is None:
            return NO_TARGET
        if self.current is None:
            return NO_DATA
        return ACHIEVED if meets(self.indicator.direction, self.current, self.target) else NOT_YET

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def expected(self) -> Decimal | None:
        """Where a steady pace would be by now: the target times the share of time elapsed."""
        return None if self.target is None else self.target.value * self.elapsed

    @property
    def pace(self) -> str:
        """Achieved, on track or behind, accounting for the time elapsed in the phase."""
        status = self.status
        if status != NOT_YET:
            return status
        if self.elapsed >= 1 or self.indicator.direction == Direction.AT_MOST:
            return BEHIND
        if self.indicator.kind == IndicatorKind.MILESTONE:
            return ON_TRACK
        return ON_TRACK if self.current >= self.expected else BEHIND

    @property
    def pace_label(self) -> str:
        return STATUS_LABELS[self.pace]


def meets(direction: str, current: Decimal, target: IndicatorTarget) -> bool:
    """Whether a value meets a target read with its qualifier (ít nhất, trên, khoảng, tối đa)."""
    low, high = target.value, target.value_high
    if direction == Direction.ABOVE:
        return current > low
    if direction == Direction.AT_MOST:
        return current <= low
    if direction == Direction.EXACTLY:
        return current == low if high is None else low <= current <= high
    return current >= low


def _current(indicator: Indicator, by_year: dict[int, Decimal]) -> Decimal | None:
    if not by_year:
        return None
    if indicator.kind == IndicatorKind.MILESTONE:
        return max(by_year.values())
    if indicator.is_cumulative:
        return sum(by_year.values(), Decimal(0))
    return by_year[max(by_year)]


def elapsed_share(phase: Phase, as_of: int) -> Decimal:
    span = phase.end_year - phase.start_year + 1
    gone = min(max(as_of - phase.start_year + 1, 0), span)
    return Decimal(gone) / Decimal(span)


def plan_progress(plan: Plan, phase: Phase, until: int | None = None,
                  as_of: dt.date | None = None) -> list[IndicatorProgress]:
    """Every indicator of the plan for one phase, counted up to the end of `until` (the whole
    phase by default) — or up to the day `as_of` (a report's data cut-off) for the indicators
    computed from dated records; entered values in one query, computed ones through the
    engine."""
    if as_of is not None:
        until = as_of.year if until is None else min(until, as_of.year)
    last = phase.end_year if until is None else min(until, phase.end_year)
    indicators = list(plan.indicators.order_by("order"))
    targets = {t.indicator_id: t for t in IndicatorTarget.objects.filter(phase=phase)}
    sums = (IndicatorValue.objects
            .filter(indicator__plan=plan, year__gte=phase.start_year, year__lte=last)
            .values("indicator_id", "year").annotate(total=Sum("value")))
    by_indicator: dict[int, dict[int, Decimal]] = {}
    for row in sums:
        by_indicator.setdefault(row["indicator_id"], {})[row["year"]] = row["total"]
    for indicator in indicators:
        if indicator.computation:
            by_indicator[indicator.pk] = engine.yearly_values(indicator, phase.start_year, last,
                                                              as_of=as_of)
    elapsed = elapsed_share(phase, last)
    return [IndicatorProgress(indicator=i, target=targets.get(i.pk),
                              current=_current(i, by_indicator.get(i.pk, {})),
                              by_year=dict(sorted(by_indicator.get(i.pk, {}).items())),
                              elapsed=elapsed)
            for i in indicators]

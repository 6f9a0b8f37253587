"""Budget execution: what is committed and paid against each line and year.

Modules that spend (support contracts and payments, later events) register a source in their
AppConfig.ready(); the budget page adds them up without importing those modules.
"""

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

# a source returns {(budget_line_id, year): (committed, paid)} for a plan, as of a date or now
Source = Callable[..., dict[tuple[int, int], tuple[Decimal, Decimal]]]
SOURCES: list[Source] = []


def register(source: Source) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def execution_for_plan(plan, as_of=None) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    """Committed and paid per line and year; `as_of` (a date) leaves out what was signed or
    paid after it — a report's data cut-off."""
    totals: dict[tuple[int, int], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for source in SOURCES:
        for key, (committed, paid) in source(plan, as_of).items():
            totals[key][0] += committed
            totals[key][1] += paid
    return {key: (c, p) for key, (c, p) in totals.items()}


def family(lines, line) -> list:
    """The line and its descendants (by code: 5 → 5, 5.1, 5.1.2; the grand total → all), the
    one definition of "a line with what is below it"."""
    if getattr(line, "is_grand_total", False):
        return list(lines)
    return [m for m in lines if m.code == line.code or m.code.startswith(line.code + ".")]


def spent(execution: dict, lines, years) -> tuple[Decimal, Decimal]:
    """Committed and paid on `lines` over `years`."""
    committed = paid = Decimal(0)
    for line in lines:
        for year in years:
            c, p = execution.get((line.pk, year), (Decimal(0), Decimal(0)))
            committed, paid = committed + c, paid + p
    return committed, paid

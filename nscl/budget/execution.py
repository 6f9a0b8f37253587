"""Budget execution: what is committed and paid against each line and year.

Modules that spend (support contracts and payments, later events) register a source in their
AppConfig.ready(); the budget page adds them up without importing those modules.
"""

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

# a source returns {(budget_line_id, year): (committed, paid)}
Source = Callable[[object], dict[tuple[int, int], tuple[Decimal, Decimal]]]
SOURCES: list[Source] = []


def register(source: Source) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def execution_for_plan(plan) -> dict[tuple[int, int], tuple[Decimal, Decimal]]:
    totals: dict[tuple[int, int], list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for source in SOURCES:
        for key, (committed, paid) in source(plan).items():
            totals[key][0] += committed
            totals[key][1] += paid
    return {key: (c, p) for key, (c, p) in totals.items()}

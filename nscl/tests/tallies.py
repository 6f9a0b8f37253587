"""Figures the tests count and CI prints at the end of the run: the hypothesis examples per
parser, the access matrix's requests, the fuzzers' totals.

Tests add to a named tally (`tally("…")[key] += 1`); the totals are printed in pytest's summary
(no `-s` needed). Under pytest-xdist each worker counts its own share: `nscl/conftest.py` sends
the worker's tallies to the controller when the worker ends and adds them up there, so the
printed totals are the whole run's whatever the number of workers.
"""

from collections import Counter, defaultdict

TALLIES: defaultdict[str, Counter] = defaultdict(Counter)


def tally(name: str) -> Counter:
    """The counter printed under `name`; keys are short texts (they cross process boundaries)."""
    return TALLIES[name]


def as_data() -> dict[str, dict[str, int]]:
    """The tallies in plain types, for the worker's output to the controller."""
    return {name: dict(counts) for name, counts in TALLIES.items()}


def add(data: dict[str, dict[str, int]]) -> None:
    """Add a worker's tallies to this process's."""
    for name, counts in data.items():
        TALLIES[name].update(counts)

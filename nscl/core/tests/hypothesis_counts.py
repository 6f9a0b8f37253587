"""How many examples each property test ran, per parser, printed at the end of the test run.

`counted("numbers")` wraps a hypothesis test so each example it runs is counted under that
parser's name; `nscl/conftest.py` prints the totals in pytest's summary (no `-s` needed), so CI
output shows "hypothesis examples per parser".
"""

import functools
from collections import Counter

EXAMPLES: Counter = Counter()


def counted(parser: str):
    def decorate(test):
        @functools.wraps(test)
        def run(*args, **kwargs):
            EXAMPLES[parser] += 1
            return test(*args, **kwargs)
        return run
    return decorate

"""How many examples each property test ran, per parser, printed at the end of the test run.

`counted("numbers")` wraps a hypothesis test so each example it runs is counted under that
parser's name in the tally "hypothesis examples per parser" (nscl/tests/tallies.py), which CI
output shows at the end of the run.
"""

import functools

from nscl.tests.tallies import tally

EXAMPLES = tally("hypothesis examples per parser")


def counted(parser: str):
    def decorate(test):
        @functools.wraps(test)
        def run(*args, **kwargs):
            EXAMPLES[parser] += 1
            return test(*args, **kwargs)
        return run
    return decorate

"""A reporting request drafted and issued through the services, with a submission expected of
each unit."""

import datetime as dt
import itertools

from nscl.core.periods import ANNUAL, Period
from nscl.reporting.choices import Audience, RequestKind
from nscl.reporting.services import request_create, request_issue

_numbers = itertools.count(1)


def reporting_request(plan, issuer, units, *, year: int = 2024, actor=None):
    return request_issue(request=draft_request(plan, issuer, units, year=year, actor=actor),
                         actor=actor)


def draft_request(plan, issuer, units, *, year: int = 2024, actor=None):
    """A complete draft, ready to be issued."""
    period = Period.of(ANNUAL, year)
    return request_create(
        plan=plan, actor=actor, units=units, issuer=issuer, recipient=issuer,
        number=str(900 + next(_numbers)), symbol="SKHCN-TĐC", issued_on=dt.date(year, 11, 1),
        subject=f"Báo cáo kết quả năm {year}", name=f"Báo cáo kết quả năm {year}",
        content="Kết quả thực hiện Chương trình trong năm.", kind=RequestKind.PERIODIC,
        frequency=ANNUAL, audience=Audience.LIST, period_from=period.first,
        period_to=period.last, data_from=period.window.since, data_until=period.window.until,
        deadline=dt.date(year, 12, 18))

"""A reporting request issued through the service, with a submission expected of each unit."""

import datetime as dt
import itertools

from nscl.reporting.services import request_issue

_numbers = itertools.count(1)


def reporting_request(plan, issuer, units, *, year: int = 2024, actor=None):
    return request_issue(plan=plan, issuer=issuer, number=str(900 + next(_numbers)),
                         symbol="SKHCN-TĐC", issued_on=dt.date(year, 11, 1),
                         subject=f"Báo cáo kết quả năm {year}", kind="annual",
                         period_start=year, period_end=year, deadline=dt.date(year, 11, 30),
                         units=units, actor=actor)

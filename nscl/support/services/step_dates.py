"""The order of a case's dated steps (issue 15): the application is submitted, then approved,
its contract signed, its result accepted and its contract liquidated and paid — each step's date
no earlier than the one before. The one place every dated step checks its date."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _previous(case) -> tuple[str, dt.date] | None:
    """The case's latest dated step so far, with its name."""
    contract = getattr(case, "contract", None)  # none yet: the reverse accessor raises
    approval = case.approval if case.approval_id else None
    steps = [
        (_("ngày nộp hồ sơ"), case.submitted_on),
        (_("ngày quyết định phê duyệt"), approval.date if approval else None),
        (_("ngày ký hợp đồng"), contract.signed_on if contract else None),
        (_("ngày nghiệm thu"), case.accepted_on),
    ]
    dated = [(label, on) for label, on in steps if on is not None]
    return max(dated, key=lambda s: s[1]) if dated else None


def check_step_date(case, on: dt.date, *, field: str, label: str) -> None:
    """Refuse a step dated before the application's submission or the case's previous dated
    step, next to the step's date field (`field`), naming both dates."""
    previous = _previous(case)
    if previous is not None and on < previous[1]:
        raise ValidationError({field: _(
            "%(step)s %(d)s trước %(prev)s %(p)s của hồ sơ %(c)s: các bước của hồ sơ phải theo "
            "đúng thứ tự ngày.") % {"step": label, "d": f"{on:%d/%m/%Y}", "prev": previous[0],
                                    "p": f"{previous[1]:%d/%m/%Y}", "c": case.code}})

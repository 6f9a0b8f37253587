"""Which year's money a case uses (ADR 12): its call's year N. The contract is signed in N and
booked on N's line; the work may run into N+1, whose payment is still booked on N's line as
carried over (chuyển nguồn); nothing runs or is paid after 31 December N+1."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def budget_year(case) -> int:
    """The estimate the case was selected and approved against: its call's year."""
    return case.call_category.call.year


def carry_over_end(year: int) -> dt.date:
    """The last day money of `year` may still be spent (carried over one year)."""
    return dt.date(year + 1, 12, 31)


def check_signature(case, signed_on: dt.date, deadline: dt.date) -> int:
    """The contract's budget year, or why it cannot be signed then or run until then."""
    year = budget_year(case)
    if signed_on.year != year:
        raise ValidationError(
            _("Hồ sơ %(c)s được xét chọn trên dự toán năm %(y)s: hợp đồng phải ký trong năm "
              "%(y)s (đến ngày 31/12/%(y)s). Kinh phí chưa ký hợp đồng đến cuối năm không được "
              "chuyển nguồn; cần xét chọn lại ở đợt của năm sau.")
            % {"c": case.code, "y": year})
    check_deadline(year, deadline)
    return year


def check_deadline(year: int, deadline: dt.date) -> None:
    end = carry_over_end(year)
    if deadline > end:
        raise ValidationError(
            _("Thời hạn hoàn thành %(d)s vượt quá ngày %(e)s: kinh phí năm %(y)s chỉ được "
              "chuyển nguồn sang năm %(n)s.")
            % {"d": f"{deadline:%d/%m/%Y}", "e": f"{end:%d/%m/%Y}", "y": year, "n": year + 1})


def check_payment(contract, paid_on: dt.date) -> bool:
    """Whether the payment is carried over (paid after its budget year); refused before the
    contract was signed or after the carry-over year."""
    if paid_on < contract.signed_on:
        raise ValidationError(_("Ngày chi %(p)s trước ngày ký hợp đồng %(s)s.")
                              % {"p": f"{paid_on:%d/%m/%Y}", "s": f"{contract.signed_on:%d/%m/%Y}"})
    end = carry_over_end(contract.year)
    if paid_on > end:
        raise ValidationError(
            _("Hợp đồng %(n)s thuộc dự toán năm %(y)s: kinh phí chuyển nguồn chỉ được chi đến "
              "ngày %(e)s; khoản chi ngày %(p)s cần được bố trí trong dự toán năm sau.")
            % {"n": contract.number, "y": contract.year, "e": f"{end:%d/%m/%Y}",
               "p": f"{paid_on:%d/%m/%Y}"})
    return paid_on.year > contract.year

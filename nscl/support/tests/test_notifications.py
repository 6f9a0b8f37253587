"""E-mails: a state change tells the beneficiary; reminders before and on each deadline, once."""

import datetime as dt

from django.core import mail
from django.core.management import call_command

from nscl.support.choices import CaseStatus
from nscl.support.services import cases as steps

from .conftest import case_in


def test_a_state_change_emails_the_beneficiary(soc_trang, users, new_case,
                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        steps.case_screen(case=new_case, actor=users["vanphong.cantho"])
    [message] = mail.outbox
    assert message.to == ["doanhnghiep.cantho@demo.nscl.vn"]
    assert new_case.code in message.subject and "Đủ điều kiện" in message.body


def test_contract_reminders_seven_days_before_and_on_the_day_once(soc_trang, users, capsys):
    case = case_in(CaseStatus.CONTRACTED, soc_trang)
    deadline = case.contract.deadline
    call_command("support_reminders", today=f"{deadline - dt.timedelta(days=7):%d/%m/%Y}")
    call_command("support_reminders", today=f"{deadline - dt.timedelta(days=3):%d/%m/%Y}")
    call_command("support_reminders", today=f"{deadline:%d/%m/%Y}")
    call_command("support_reminders", today=f"{deadline:%d/%m/%Y}")  # not twice
    about = [m for m in mail.outbox if case.contract.number in m.subject]
    assert len(about) == 2
    assert "còn 7 ngày" in about[0].body and "hết hạn hôm nay" in about[1].body
    assert "vanphong.cantho@demo.nscl.vn" in about[0].to

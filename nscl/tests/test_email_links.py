"""Every e-mail links to the page it is about, as an absolute address on the configured site
(`NSCL_SITE_URL`): a case's step, a contract's and a call's deadline, a unit's report."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from nscl.reporting.models import Submission
from nscl.support.choices import CaseStatus
from nscl.support.models import SupportCall, SupportCase
from nscl.support.services import cases as steps
from nscl.support.tests.factories import application

SITE = "https://nscl.soctrang.example.gov.vn"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.NSCL_SITE_URL = SITE + "/"  # a trailing slash makes no double slash


def _only(subject_part):
    [message] = [m for m in mail.outbox if subject_part in m.subject]
    return message


def test_a_case_step_links_to_the_case(users, soc_trang, django_capture_on_commit_callbacks):
    case = application(soc_trang.calls.get(year=2025), users["doanhnghiep.cantho"].unit
                       .beneficiary, code="5.2", actor=users["vanphong.cantho"],
                       submitted_on=dt.date(2025, 3, 2))
    with django_capture_on_commit_callbacks(execute=True):
        steps.case_screen(case=case, actor=users["vanphong.cantho"])
    assert f"{SITE}/ho-tro/ho-so/{case.pk}/" in _only(case.code).body


def test_a_contract_reminder_links_to_the_case(soc_trang):
    case = SupportCase.objects.filter(status=CaseStatus.CONTRACTED,
                                      call_category__call__plan=soc_trang).first()
    call_command("support_reminders", today=f"{case.contract.deadline:%d/%m/%Y}")
    assert f"{SITE}/ho-tro/ho-so/{case.pk}/" in _only(case.contract.number).body


def test_a_call_reminder_links_to_the_call(soc_trang):
    call = SupportCall.objects.filter(plan=soc_trang).order_by("pk").first()
    call_command("support_reminders", today=f"{call.deadline:%d/%m/%Y}")
    about = [m.body for m in mail.outbox if call.title in m.subject]
    assert any(f"{SITE}/ho-tro/dot/{call.pk}/" in body for body in about)


def test_a_report_reminder_links_to_the_units_report(users):
    unit = users["baocao.sct.quangngai"].unit
    submission = Submission.objects.get(unit=unit, status="draft")
    Submission.objects.filter(pk=submission.pk).update(reopened_until=dt.date(2026, 12, 18))
    call_command("reporting_reminders", today="18/12/2026")
    message = _only(submission.request.reference)
    assert f"{SITE}/bao-cao/dong-gop/{submission.pk}/" in message.body

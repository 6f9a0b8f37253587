"""No step by accident: every step a workflow declares irreversible (`confirm=`) asks first.

The steps come from the declarations (`nscl.workflow.confirmation.irreversible`, and
`irreversible_acts` for the steps that change no state but are final once taken — a council
member's score), not from a list kept here: a step declared irreversible without a way below to
reach it fails the first test. For each: its page's POST without the confirmation changes
nothing and shows the summary (the record, its state now → after, what will happen); the same
POST confirmed performs the step."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from nscl.core.numbers import format_vn_number
from nscl.organisation.models import User
from nscl.reporting import services as reporting
from nscl.reporting.forms import SubmissionForm
from nscl.reporting.models import ConsolidatedReport, Submission
from nscl.reporting.tests.factories import draft_request
from nscl.reporting.workflow import SUBMISSION_FLOW
from nscl.support.models import Council, Score, SupportCase
from nscl.support.notifications import beneficiary_emails
from nscl.support.services import cases as support
from nscl.support.services import councils
from nscl.support.tests.factories import application
from nscl.traceability import services as traceability
from nscl.traceability.models import Product
from nscl.workflow.confirmation import CONFIRM_FIELD, irreversible, irreversible_acts
from nscl.workflow.models import DomainEvent

MEMBERS = ("chutich.cantho", "thuky.cantho", "hoidong.cantho")


def _case(code):
    return SupportCase.objects.get(code=code)


def _case_step(code, action, **fields):
    case = _case(code)
    return case, reverse("support:case_step", args=[case.pk, action]), {
        f"{action}-{k}": v for k, v in fields.items()}


def _approve(users):
    case = _case("HS-2025-4-004")
    amount = min(case.requested_amount, case.call_category.unit_norm)
    return case, reverse("support:approval_new", args=[case.plan.pk]), {
        "number": "555/QĐ-UBND", "date": "20/05/2025", "signed_by": "Trần Văn Phê Duyệt",
        f"amount_{case.pk}": format_vn_number(amount)}


def _record_acceptance(users):
    case = _case("HS-2025-4-007")
    support.case_assign_acceptance(case=case, council=Council.objects.get(pk=9),
                                   actor=users["vanphong.cantho"])
    return _case_step("HS-2025-4-007", "record_acceptance", passed="1",
                      accepted_on="20/11/2025", standard="ISO 9001:2015",
                      certificate_number="QMS-2025-77", certifier="QUACERT")


def _liquidate(users):
    case = _case("HS-2025-4-008")
    return _case_step("HS-2025-4-008", "liquidate", liquidation_number="TL-08/2025",
                      paid_on="10/12/2025", amount=format_vn_number(case.contract.amount))


def _sign_contract(users):
    case = _case("HS-2025-4-005")
    return _case_step("HS-2025-4-005", "sign_contract", number="15/2025/HĐ-HT",
                      signed_on="01/07/2025", amount=format_vn_number(case.approved_amount),
                      content="Tư vấn áp dụng ISO 9001", deadline="30/11/2025",
                      consultant="Viện Năng suất Việt Nam")


def _close(users, soc_trang):
    call = soc_trang.calls.filter(status="open").order_by("pk").first()
    return call, reverse("support:call_close", args=[call.pk]), {}


def _scored_council(users, soc_trang, scorers=MEMBERS):
    """A new selection council with one application scored by all (or `scorers`; every member
    has declared no conflict) and its minutes written."""
    office = users["vanphong.cantho"]
    council = support.council_form(
        plan=soc_trang, kind="selection", name="Hội đồng xét chọn bổ sung năm 2025",
        decision_number="79/QĐ-SKHCN", decision_date=dt.date(2025, 4, 1), actor=office,
        seats=[(users[name], role) for name, role in zip(MEMBERS, ("chair", "secretary",
                                                                   "member"), strict=True)])
    beneficiary = users["doanhnghiep.cantho"].unit.beneficiary
    case = application(soc_trang.calls.get(year=2025), beneficiary, code="5.2", actor=office,
                       submitted_on=dt.date(2025, 3, 2))
    support.case_screen(case=case, actor=office)
    support.case_assign_selection(case=case, council=council, actor=office)
    for name in MEMBERS:
        councils.conflict_declare(case=case, actor=users[name], has_conflict=False)
    for name in scorers:
        councils.score_record(case=case, actor=users[name], items={
            c.pk: (round(c.max_points * 0.8), "Đáp ứng tốt") for c in councils.criteria_for(case)})
    councils.minutes_record(council=council, actor=users["thuky.cantho"],
                            meeting_on=dt.date(2025, 4, 10), meeting_place="Phòng họp số 2",
                            minutes="Hội đồng nhận xét hồ sơ.")
    return council


def _conclude(users, soc_trang):
    council = _scored_council(users, soc_trang)
    return council, reverse("support:council_conclude", args=[council.pk]), {}


def _reopen(users, soc_trang):
    council = _scored_council(users, soc_trang)
    councils.council_conclude(council=council, actor=users["chutich.cantho"])
    return council, reverse("support:council_reopen", args=[council.pk]), {
        "reason": "Biên bản ghi sai địa điểm họp"}


def _score_post(case, share=0.8):
    return {f"points_{c.pk}": str(round(c.max_points * share))
            for c in councils.criteria_for(case)} | {
        f"comment_{c.pk}": f"Nhận xét tiêu chí {c.order}" for c in councils.criteria_for(case)
    } | {"comment": "Hồ sơ khả thi, cần bổ sung báo giá."}


def _score(users, soc_trang):
    """The last member of a council to score, after declaring no conflict."""
    council = _scored_council(users, soc_trang, scorers=MEMBERS[:2])
    case = council.selection_cases.get()
    return case, reverse("support:case_score", args=[case.pk]), _score_post(case), \
        users[MEMBERS[2]]


def _issue(users, soc_trang):
    office = users["vanphong.cantho"]
    req = draft_request(soc_trang, office.unit, [users["baocao.xa1.cantho"].unit], year=2025,
                        actor=office)
    return req, reverse("reporting:request_issue", args=[req.pk]), {}


def _submission_post(submission):
    data = {"submit": "1", "document_number": "476/BC-SCT", "document_date": "05/12/2024",
            "signer_authority": "KT. GIÁM ĐỐC", "signer_title": "Phó Giám đốc",
            "signer_name": "Nguyễn Văn Ký"}
    data |= {f"s_{k}": v for k, v in (submission.sections or {}).items() if v}
    sections = [n for n in SubmissionForm(outline=submission.request.outline).fields
                if n.startswith("s_")]
    data.setdefault(sections[0], "Đã tổ chức 2 lớp tập huấn về năng suất cho hợp tác xã.")
    for row in reporting.stored_rows(submission):
        data |= {f"r-{row.order}-{k}": v for k, v in row.cells.items()}
        if row.is_total:
            data[f"r-{row.order}-total"] = "1"
    return data


def _sct_draft(users):
    """A Quảng Ngãi unit's report returned for corrections, its deadline extended."""
    submission = Submission.objects.get(status="returned", request__number="567")
    reporting.submission_reopen(submission=submission, actor=users["vanphong.quangngai"],
                                until=timezone.localdate() + dt.timedelta(days=10))
    return Submission.objects.get(pk=submission.pk)


def _submit(users):
    submission = _sct_draft(users)
    return submission, reverse("reporting:submission_detail", args=[submission.pk]), \
        _submission_post(submission)


def _accept(users):
    submission = _sct_draft(users)
    reporting.submission_submit(submission=submission, actor=_actor(
        SUBMISSION_FLOW, submission, "submit"))
    return submission, reverse("reporting:submission_review", args=[submission.pk]), {
        "accept": "1", "comment": "Số liệu khớp với hồ sơ."}


def _quang_ngai():
    return ConsolidatedReport.objects.get(request__number="567")


def _draft_report(users):
    office = users["vanphong.quangngai"]
    report = _quang_ngai()
    reporting.report_correct(report=report, actor=office, note="Bổ sung số liệu")
    return reporting.report_save(report=ConsolidatedReport.objects.get(pk=report.pk),
                                 actor=office, number="250", date=dt.date(2025, 9, 5))


def _freeze(users):
    report = _draft_report(users)
    return report, reverse("reporting:report_freeze", args=[report.pk]), {}


def _send(users):
    report = _draft_report(users)
    reporting.version_freeze(report=report, actor=users["vanphong.quangngai"],
                             pdf_maker=lambda docx: b"%PDF-1.4\n%%EOF\n")
    return report, reverse("reporting:report_send", args=[report.pk]), {}


def _correct(users):
    report = _quang_ngai()
    return report, reverse("reporting:report_correct", args=[report.pk]), {
        "note": "Bổ sung số liệu Sở Công Thương"}


def _rice():
    return Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")


def _void(users):
    roll = _rice().rolls.get(status="active")
    return roll, reverse("traceability:roll_status", args=[roll.pk]), {"status": "void"}


def _lift(users):
    recall = traceability.recall_order(
        actor=users["vanphong.cantho"], batch=_rice().batches.get(lot="ST25-2025-01"),
        reason="Phát hiện dư lượng thuốc bảo vệ thực vật vượt ngưỡng",
        recalled_on=dt.date(2026, 11, 20), instructions="Ngừng sử dụng sản phẩm.",
        contact="HTX Mỹ Xuyên 0299 3851 234")
    return recall, reverse("traceability:recall_step", args=[recall.pk]), {
        "step": "lift", "note": "Kết quả kiểm nghiệm lại đạt yêu cầu"}


# how to reach each irreversible step from its page: (setup(users[, soc_trang]) → object, URL,
# the POST its page sends)
REACH = {
    "case.screen": lambda users: _case_step("HS-2025-4-001", "screen"),
    "case.approve": _approve,
    "case.sign_contract": _sign_contract,
    "case.record_acceptance": _record_acceptance,
    "case.liquidate": _liquidate,
    "case.withdraw": lambda users: _case_step("HS-2025-4-002", "withdraw",
                                              reason="Doanh nghiệp không còn nhu cầu"),
    "council.conclude": _conclude,
    "council.reopen": _reopen,
    "call.close": _close,
    "request.issue": _issue,
    "submission.submit": _submit,
    "submission.accept": _accept,
    "report.freeze": _freeze,
    "report.send": _send,
    "report.correct": _correct,
    "roll.void": _void,
    "recall.lift": _lift,
    # steps that change no state (`irreversible_acts`): their setup also names who takes them
    "score.submit": _score,
}
STEPS = sorted(f"{flow.name}.{t.action}" for flow, t in irreversible())
ACTS = {act.name: act for act in irreversible_acts()}


def test_every_irreversible_step_is_reached_here():
    assert sorted(REACH) == sorted(STEPS + list(ACTS)), \
        "declared irreversible steps and REACH differ"
    assert len(STEPS) >= 15 and ACTS


def _actor(flow, obj, action):
    """Someone of the demo who may take the step now (the engine's own check decides)."""
    return next(u for u in User.objects.filter(is_active=True).order_by("username")
                if flow.may(u, obj, action))


@pytest.mark.parametrize("step", STEPS)
def test_an_irreversible_step_asks_before_it_runs(client, users, soc_trang, step):
    flow, transition = next((f, t) for f, t in irreversible()
                            if f"{f.name}.{t.action}" == step)
    setup = REACH[step]
    obj, url, data = (setup(users, soc_trang) if setup.__code__.co_argcount == 2
                      else setup(users))
    obj = flow.model._base_manager.get(pk=obj.pk)  # as the setup left it
    actor = _actor(flow, obj, transition.action)
    client.force_login(actor)
    events = DomainEvent.objects.filter(verb=flow.verb(transition.action), object_id=str(obj.pk))
    state = flow.state_of(flow.model.objects.get(pk=obj.pk))
    before = events.count()

    asked = client.post(url, data)
    page = asked.content.decode()
    assert asked.status_code == 200, (step, asked.status_code, asked.get("Location"))
    assert 'id="confirm-form"' in page and f'name="{CONFIRM_FIELD}" value="1"' in page
    assert str(transition.confirm) in page  # what will happen
    assert f"{flow.states(state).label} →" in page  # the state now → after
    assert events.count() == before
    assert flow.state_of(flow.model.objects.get(pk=obj.pk)) == state

    done = client.post(url, data | {CONFIRM_FIELD: "1"}, follow=True)
    assert done.status_code == 200
    assert events.count() == before + 1, (step, [str(m) for m in done.context["messages"]])
    if transition.target:
        assert flow.state_of(flow.model.objects.get(pk=obj.pk)) == transition.target


@pytest.mark.parametrize("name", sorted(ACTS))
def test_an_irreversible_act_asks_before_it_runs(client, users, soc_trang, name):
    act = ACTS[name]
    obj, url, data, actor = REACH[name](users, soc_trang)
    assert act.may(actor, obj)
    client.force_login(actor)
    events = DomainEvent.objects.filter(verb=act.verb, actor=actor)
    before = events.count()

    asked = client.post(url, data)
    page = asked.content.decode()
    assert asked.status_code == 200
    assert 'id="confirm-form"' in page and f'name="{CONFIRM_FIELD}" value="1"' in page
    assert str(act.confirm) in page and 'id="confirm-states"' not in page
    assert events.count() == before

    done = client.post(url, data | {CONFIRM_FIELD: "1"}, follow=True)
    assert done.status_code == 200
    assert events.count() == before + 1, [str(m) for m in done.context["messages"]]


def test_a_scores_summary_shows_each_criterion_and_the_total_and_edits_again(client, users,
                                                                             soc_trang):
    """The summary: the points of every criterion against its maximum, its comment, the total
    and that the score is final unless the chair reopens it; "Sửa lại" gives the form back with
    every value and submits nothing."""
    case, url, data, member = _score(users, soc_trang)
    criteria = councils.criteria_for(case)
    client.force_login(member)
    page = client.post(url, data).content.decode()
    total = sum(round(c.max_points * 0.8) for c in criteria)
    for c in criteria:
        assert f"{round(c.max_points * 0.8)}/{c.max_points}" in page
        assert f"Nhận xét tiêu chí {c.order}" in page
    assert f"{total}/{sum(c.max_points for c in criteria)}" in page
    assert "không sửa được phiếu chấm, trừ khi Chủ tịch hội đồng mở lại" in page
    again = client.post(url, data | {"sua_lai": "1"})
    text = again.content.decode()
    assert 'id="score-form"' in text and 'id="confirm-form"' not in text
    for c in criteria:
        assert f'value="{round(c.max_points * 0.8)}"' in text and f"Nhận xét tiêu chí {c.order}" \
            in text
    assert not Score.objects.filter(case=case, member__user=member).exists()


def test_a_councils_conclusion_names_the_applicants_it_will_email(client, users, soc_trang):
    council = _scored_council(users, soc_trang)
    client.force_login(users["chutich.cantho"])
    page = client.get(reverse("support:council_conclude", args=[council.pk])).content.decode()
    assert users["doanhnghiep.cantho"].email in page


def test_the_summary_carries_the_values_and_who_is_told(client, users):
    """The contract's summary shows the amount typed and the beneficiary's address; confirming
    posts the same values back."""
    case, url, data = _sign_contract(users)
    client.force_login(users["vanphong.cantho"])
    page = client.post(url, data).content.decode()
    assert "15/2025/HĐ-HT" in page and "30/11/2025" in page
    assert format_vn_number(Decimal(case.approved_amount)) in page
    assert "Người được báo qua thư" in page
    for email in beneficiary_emails(case):
        assert email in page
    for name, value in data.items():
        assert f'name="{name}" value="{value}"' in page

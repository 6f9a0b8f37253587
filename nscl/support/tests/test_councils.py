"""Councils as reviewers expect them, one rule a test: a member with a conflict of interest
cannot open the application; scores are hidden until one's own is in; a submitted score changes
only when the chair reopens it with a reason; a concluded council cannot conclude again;
members related to an applicant are not appointed; the beneficiary sees the result only; the
minutes come out of the scores and the decision."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from docx import Document

from nscl.enterprises.models import Beneficiary
from nscl.organisation.scope import restrict
from nscl.support.choices import CaseStatus, CouncilStatus
from nscl.support.models import CaseDocument, Council, Score, SupportCase
from nscl.support.selectors import case_timeline, council_candidates
from nscl.support.services import cases as steps
from nscl.support.services import councils
from nscl.support.workflow import WorkflowError
from nscl.workflow.inbox import tasks_for
from nscl.workflow.models import DomainEvent

from .factories import application

JOBS = "/viec-nen/"
MEMBERS = ("chutich.cantho", "thuky.cantho", "hoidong.cantho")


@pytest.fixture
def review(soc_trang, users, call_2025):
    """Two fresh applications of the 2025 call under review by a new selection council of the
    demo's chair, secretary and member; the first with a document attached."""
    office = users["vanphong.cantho"]
    council = steps.council_form(
        plan=soc_trang, kind="selection", name="Hội đồng xét chọn bổ sung năm 2025",
        decision_number="77/QĐ-SKHCN", decision_date=dt.date(2025, 4, 1), actor=office,
        seats=[(users["chutich.cantho"], "chair"), (users["thuky.cantho"], "secretary"),
               (users["hoidong.cantho"], "member")])
    own = users["doanhnghiep.cantho"].unit.beneficiary
    other = Beneficiary.objects.filter(commune__path__startswith=soc_trang.province.path[:6]) \
        .exclude(pk=own.pk).order_by("pk").first()
    cases = []
    for beneficiary in (own, other):
        case = application(call_2025, beneficiary, code="5.2", actor=office,
                           submitted_on=dt.date(2025, 3, 2))
        steps.case_screen(case=case, actor=office)
        steps.case_assign_selection(case=case, council=council, actor=office)
        cases.append(SupportCase.objects.get(pk=case.pk))
    CaseDocument.objects.create(case=cases[0], title="Bảng đăng ký và cam kết",
                                file=ContentFile(b"%PDF-1.4 test", name="cam-ket.pdf"),
                                uploaded_by=office)
    return council, cases


def _full_marks(case, share=0.8):
    return {c.pk: (round(c.max_points * share), f"Nhận xét tiêu chí {c.order}")
            for c in councils.criteria_for(case)}


def _declare_and_score(users, case, names=MEMBERS, share=0.8):
    for name in names:
        councils.conflict_declare(case=case, actor=users[name], has_conflict=False)
        councils.score_record(case=case, actor=users[name], items=_full_marks(case, share))


def test_a_member_with_a_conflict_cannot_open_the_application(client, users, review):
    council, (case, _other) = review
    member = users["hoidong.cantho"]
    client.force_login(member)
    page = client.get(f"/ho-tro/ho-so/{case.pk}/")  # nothing opens before the declaration
    assert page.status_code == 302 and page["Location"].endswith("/xung-dot-loi-ich/")
    assert not restrict(CaseDocument.objects.filter(case=case), member).exists()
    response = client.post(f"/ho-tro/ho-so/{case.pk}/xung-dot-loi-ich/",
                           {"answer": "yes", "relation": ""})
    assert "Ghi quan hệ với đối tượng đề nghị hỗ trợ." in response.content.decode()
    client.post(f"/ho-tro/ho-so/{case.pk}/xung-dot-loi-ich/",
                {"answer": "yes", "relation": "Em ruột là thành viên góp vốn"})
    page = client.get(f"/ho-tro/ho-so/{case.pk}/")
    assert page.status_code == 403
    assert not restrict(CaseDocument.objects.filter(case=case), member).exists()
    with pytest.raises(PermissionDenied, match="xung đột lợi ích"):
        councils.score_record(case=case, actor=member, items=_full_marks(case))
    with pytest.raises(PermissionDenied, match="đã khai"):
        councils.conflict_declare(case=case, actor=member, has_conflict=False)
    event = DomainEvent.objects.get(verb="council_conflict", actor=member)
    assert event.after["relation"] == "Em ruột là thành viên góp vốn"
    # the others declare no conflict, open the case and its document, and score; the council
    # does not wait for the excluded member
    councils.conflict_declare(case=case, actor=users["thuky.cantho"], has_conflict=False)
    assert restrict(CaseDocument.objects.filter(case=case), users["thuky.cantho"]).exists()
    _declare_and_score(users, case, names=("chutich.cantho",))
    councils.score_record(case=case, actor=users["thuky.cantho"], items=_full_marks(case))
    assert case.code not in councils.missing_scores(council)


def test_scores_are_hidden_before_ones_own(client, users, review):
    council, (case, other) = review
    _declare_and_score(users, case, names=("chutich.cantho", "thuky.cantho"))
    member = users["hoidong.cantho"]
    councils.conflict_declare(case=case, actor=member, has_conflict=False)
    client.force_login(member)
    page = client.get(f"/ho-tro/ho-so/{case.pk}/").content.decode()
    assert "Phiếu chấm của hội đồng xét chọn" not in page
    assert not [e for e in case_timeline(member, case) if e.verb == "case_score"]
    page = client.get(f"/ho-tro/hoi-dong/{council.pk}/").content.decode()
    assert 'id="results-hidden"' in page and 'id="proposal"' not in page
    councils.score_record(case=case, actor=member, items=_full_marks(case))
    page = client.get(f"/ho-tro/ho-so/{case.pk}/").content.decode()
    assert "Phiếu chấm của hội đồng xét chọn" in page and str(users["chutich.cantho"]) in page
    # the ranking waits for every case the member may score
    assert 'id="proposal"' not in client.get(f"/ho-tro/hoi-dong/{council.pk}/").content.decode()
    councils.conflict_declare(case=other, actor=member, has_conflict=False)
    councils.score_record(case=other, actor=member, items=_full_marks(other))
    assert 'id="proposal"' in client.get(f"/ho-tro/hoi-dong/{council.pk}/").content.decode()


def test_points_stay_within_each_criterion_and_the_total_is_computed(users, review):
    _council, (case, _other) = review
    member = users["hoidong.cantho"]
    councils.conflict_declare(case=case, actor=member, has_conflict=False)
    criteria = councils.criteria_for(case)
    assert sum(c.max_points for c in criteria) == 100 and len(criteria) == 5
    too_many = _full_marks(case) | {criteria[0].pk: (criteria[0].max_points + 1, "")}
    with pytest.raises(ValidationError, match=f"Tiêu chí “{criteria[0].label}”: điểm 21"):
        councils.score_record(case=case, actor=member, items=too_many)
    missing = {k: v for k, v in _full_marks(case).items() if k != criteria[-1].pk}
    with pytest.raises(ValidationError, match="Chưa chấm tiêu chí"):
        councils.score_record(case=case, actor=member, items=missing)
    assert not Score.objects.filter(case=case, member__user=member).exists()
    score = councils.score_record(case=case, actor=member, items=_full_marks(case))
    assert score.points == sum(i.points for i in score.items.all()) == 80
    assert [i.comment for i in score.items.all()][0] == "Nhận xét tiêu chí 1"


def test_a_submitted_score_cannot_change_without_the_chair(client, users, review):
    _council, (case, _other) = review
    member = users["hoidong.cantho"]
    _declare_and_score(users, case, names=("hoidong.cantho",), share=0.5)
    with pytest.raises(WorkflowError, match="chỉ được Chủ tịch hội đồng mở lại"):
        councils.score_record(case=case, actor=member, items=_full_marks(case, 0.9))
    client.force_login(member)  # the form too refuses a second submission
    client.post(f"/ho-tro/ho-so/{case.pk}/cham-diem/",
                {f"points_{c.pk}": c.max_points for c in councils.criteria_for(case)})
    seat = case.selection_council.members.get(user=member)
    assert Score.objects.get(case=case, member=seat).points == 50
    with pytest.raises(PermissionDenied, match="Chỉ Chủ tịch"):
        councils.score_reopen(case=case, member=seat, actor=users["thuky.cantho"], reason="Sai")
    with pytest.raises(ValidationError, match="Ghi lý do"):
        councils.score_reopen(case=case, member=seat, actor=users["chutich.cantho"], reason=" ")
    councils.score_reopen(case=case, member=seat, actor=users["chutich.cantho"],
                          reason="Thành viên nhập nhầm điểm tiêu chí 2")
    event = DomainEvent.objects.get(verb="case_score_reopened", object_id=str(case.pk))
    assert event.before["points"] == 50 and event.actor == users["chutich.cantho"]
    assert event.after == {"reason": "Thành viên nhập nhầm điểm tiêu chí 2"}
    assert councils.score_record(case=case, actor=member, items=_full_marks(case, 0.9)).points \
        == 90


def test_a_concluded_council_cannot_be_concluded_again(client, users, review):
    council, cases = review
    for case in cases:
        _declare_and_score(users, case)
    with pytest.raises(WorkflowError, match="Thư ký chưa ghi biên bản"):
        councils.council_conclude(council=council, actor=users["chutich.cantho"])
    councils.minutes_record(council=council, actor=users["thuky.cantho"],
                            meeting_on=dt.date(2025, 4, 10), meeting_place="Phòng họp số 2",
                            minutes="Hội đồng nhận xét từng hồ sơ.")
    with pytest.raises(PermissionDenied):  # the secretary records, the chair concludes
        councils.council_conclude(council=council, actor=users["thuky.cantho"])
    client.force_login(users["chutich.cantho"])
    summary = client.get(f"/ho-tro/hoi-dong/{council.pk}/ket-luan/").content.decode()
    assert "Điều sẽ xảy ra" in summary and cases[0].code in summary
    assert Council.objects.get(pk=council.pk).status == CouncilStatus.FORMED  # nothing yet
    client.post(f"/ho-tro/hoi-dong/{council.pk}/ket-luan/", {"xac_nhan": "1"})
    council.refresh_from_db()
    assert council.status == CouncilStatus.CONCLUDED and len(council.result) == 2
    statuses = set(SupportCase.objects.filter(pk__in=[c.pk for c in cases])
                   .values_list("status", flat=True))
    assert statuses <= {CaseStatus.RECOMMENDED, CaseStatus.NOT_RECOMMENDED}
    events = DomainEvent.objects.filter(verb="council_conclude", object_id=str(council.pk))
    with pytest.raises(WorkflowError, match="Đã kết luận"):
        councils.council_conclude(council=council, actor=users["chutich.cantho"])
    assert client.post(f"/ho-tro/hoi-dong/{council.pk}/ket-luan/",
                       {"xac_nhan": "1"}).status_code == 403
    assert events.count() == 1
    with pytest.raises(PermissionDenied):  # reopening is the program office's
        councils.council_reopen(council=council, actor=users["chutich.cantho"], reason="x")
    with pytest.raises(ValidationError):
        councils.council_reopen(council=council, actor=users["vanphong.cantho"], reason="")
    councils.council_reopen(council=council, actor=users["vanphong.cantho"],
                            reason="Biên bản ghi sai địa điểm họp")
    council.refresh_from_db()
    assert council.status == CouncilStatus.FORMED
    assert set(SupportCase.objects.filter(pk__in=[c.pk for c in cases])
               .values_list("status", flat=True)) == {CaseStatus.UNDER_REVIEW}
    assert DomainEvent.objects.get(verb="council_reopen", object_id=str(council.pk)).note == \
        "Biên bản ghi sai địa điểm họp"


def test_related_people_and_system_accounts_are_not_appointed(users, review, soc_trang):
    council, (case, _other) = review
    office = users["vanphong.cantho"]
    councils.conflict_declare(case=case, actor=users["hoidong.cantho"], has_conflict=True,
                              relation="Từng làm tư vấn cho đơn vị")
    candidates = council_candidates(soc_trang, "selection")
    assert users["hoidong.cantho"] not in candidates
    assert users["doanhnghiep.cantho"] not in candidates and users["admin"] not in candidates
    assert users["chutich.cantho"] in candidates
    for person, why in ((users["hoidong.cantho"], "đã khai có quan hệ"),
                        (users["doanhnghiep.cantho"], "đối tượng thụ hưởng"),
                        (users["admin"], "tài khoản hệ thống")):
        with pytest.raises(ValidationError, match=why):
            steps.council_form(plan=soc_trang, kind="selection", name="HĐ mới",
                               decision_number="78/QĐ-SKHCN", decision_date=dt.date(2025, 4, 2),
                               actor=office, seats=[(users["chutich.cantho"], "chair"),
                                                    (users["thuky.cantho"], "secretary"),
                                                    (person, "member")])
    assert not Council.objects.filter(decision_number="78/QĐ-SKHCN").exists()


def test_the_beneficiary_sees_the_result_never_the_scores(client, users, review):
    council, (case, _other) = review
    for c in review[1]:
        _declare_and_score(users, c)
    councils.minutes_record(council=council, actor=users["thuky.cantho"],
                            meeting_on=dt.date(2025, 4, 10), meeting_place="Phòng họp số 2",
                            minutes="Hội đồng nhận xét từng hồ sơ.")
    councils.council_conclude(council=council, actor=users["chutich.cantho"])
    client.force_login(users["doanhnghiep.cantho"])
    page = client.get(f"/ho-tro/ho-so/{case.pk}/").content.decode()
    assert "Được hội đồng đề xuất" in page or "Không được đề xuất" in page
    for leak in ("Chấm điểm", "điểm trung bình", str(users["hoidong.cantho"]), "Điểm TB"):
        assert leak not in page, leak
    assert client.get(f"/ho-tro/hoi-dong/{council.pk}/bien-ban.docx").status_code == 404


def test_the_minutes_come_from_the_scores_and_the_decision(client, users, review):
    council, cases = review
    for case in cases:
        _declare_and_score(users, case)
    councils.minutes_record(council=council, actor=users["thuky.cantho"],
                            meeting_on=dt.date(2025, 4, 10), meeting_place="Phòng họp số 2",
                            minutes="Các thành viên thống nhất nhận xét.")
    councils.council_conclude(council=council, actor=users["chutich.cantho"])
    for name in ("chutich.cantho", "vanphong.cantho"):  # the council and the office
        client.force_login(users[name])
        response = client.get(f"/ho-tro/hoi-dong/{council.pk}/bien-ban.docx")
        assert response.status_code == 200
    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    cells = " ".join(c.text for t in Document(BytesIO(response.content)).tables
                     for r in t.rows for c in r.cells)
    assert "BIÊN BẢN" in text and "Họp Hội đồng xét chọn bổ sung năm 2025" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "ngày 10 tháng 4 năm 2025" in cells
    assert cases[0].code in cells and "80" in cells and "Phòng họp số 2" in text
    assert "THƯ KÝ" in cells and "CHỦ TỊCH HỘI ĐỒNG" in cells
    assert str(users["thuky.cantho"]) in cells and str(users["chutich.cantho"]) in cells
    pdf = client.get(f"/ho-tro/hoi-dong/{council.pk}/bien-ban.pdf")
    assert pdf.status_code == 302 and pdf["Location"].startswith(JOBS)


def test_each_member_finds_the_assignments_in_the_inbox(users, review):
    council, (case, _other) = review
    member = users["hoidong.cantho"]
    mine = [t for t in tasks_for(member) if t.title.startswith(case.code)]
    assert [t.actions for t in mine] == [("Khai xung đột lợi ích",)]
    councils.conflict_declare(case=case, actor=member, has_conflict=False)
    mine = [t for t in tasks_for(member) if t.title.startswith(case.code)]
    assert [t.actions for t in mine] == [("Chấm điểm theo tiêu chí",)]
    councils.score_record(case=case, actor=member, items=_full_marks(case))
    assert not [t for t in tasks_for(member) if t.title.startswith(case.code)]

"""Reporting requests with every element of Decree 09/2019: drafted, refused while an element is
missing (each named), issued to units picked from the tree, copied from last year, made per
period from a template; the same through the API, scoped."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nscl.organisation.models import Unit
from nscl.reporting import services
from nscl.reporting.choices import Audience, Frequency, RequestKind, RequestStatus
from nscl.reporting.models import ReportingRequest, RequestTemplate
from nscl.workflow.engine import WorkflowError

COMPLETE = {
    "name": "Báo cáo kết quả thực hiện Chương trình năm 2026",
    "content": "Kết quả triển khai các nhiệm vụ năm 2026 theo đề cương, số liệu theo biểu.",
    "number": "88", "issued_on": dt.date(2026, 11, 2),
    "subject": "Báo cáo kết quả thực hiện Chương trình năm 2026",
    "deadline": dt.date(2026, 12, 18), "expires_on": dt.date(2026, 12, 28),
}


@pytest.fixture
def office(users):
    return users["vanphong.cantho"]


def _draft(plan, office, **extra):
    return services.request_create(plan=plan, actor=office, **extra)


def test_a_new_draft_has_the_offices_defaults_and_the_decree_09_window(soc_trang, office):
    draft = _draft(soc_trang, office)
    assert draft.status == RequestStatus.DRAFT
    assert draft.issuer.code == "92-SKHCN"  # Sóc Trăng's plan, run today by Cần Thơ's office
    assert (draft.frequency, draft.kind) == (Frequency.ANNUAL, RequestKind.PERIODIC)
    assert (draft.data_from, draft.data_until) == (dt.date(2025, 12, 15), dt.date(2026, 12, 14))
    assert [i["key"] for i in draft.outline][:2] == ["implementation", "planning"]
    assert "shortcomings" in [i["key"] for i in draft.outline]
    assert [c["key"] for c in draft.form["columns"]] == ["activity", "cost", "period"]


def test_a_request_missing_an_element_is_not_issued_and_says_which(soc_trang, office):
    draft = _draft(soc_trang, office, name="Báo cáo năm 2026")
    with pytest.raises(ValidationError) as refused:
        services.request_issue(request=draft, actor=office)
    text = " ".join(refused.value.messages)
    for element in ("nội dung yêu cầu báo cáo", "số công văn", "ngày ban hành",
                    "thời hạn gửi báo cáo", "Chưa chọn đơn vị thực hiện báo cáo"):
        assert element in text, element
    assert ReportingRequest.objects.get(pk=draft.pk).status == RequestStatus.DRAFT
    assert not draft.submissions.exists()
    services.request_update(request=draft, actor=office, outline=[], form={"columns": []},
                            **COMPLETE, audience=Audience.COMMUNES)
    with pytest.raises(ValidationError) as again:
        services.request_issue(request=draft, actor=office)
    assert "Chưa có đề cương báo cáo." in again.value.messages
    assert "Biểu mẫu số liệu chưa có cột nào." in again.value.messages


def test_inconsistent_dates_are_named(soc_trang, office):
    draft = _draft(soc_trang, office, audience=Audience.COMMUNES, **COMPLETE | {
        "deadline": dt.date(2026, 10, 1), "expires_on": dt.date(2026, 9, 1)})
    problems = services.request_problems(draft)
    assert "Hạn gửi báo cáo trước ngày ban hành công văn." in problems
    assert "Hạn cuối nhận báo cáo muộn phải từ hạn gửi trở đi." in problems


def test_issued_to_every_commune_of_the_province(soc_trang, office):
    draft = _draft(soc_trang, office, audience=Audience.COMMUNES, **COMPLETE)
    communes = Unit.objects.filter(kind="commune", path__startswith="/BKHCN/92/",
                                   valid_until__isnull=True)
    assert communes.count() > 90  # Cần Thơ has 103 communes and wards since 1/7/2025
    issued = services.request_issue(request=draft, actor=office)
    assert issued.status == RequestStatus.ISSUED
    assert set(issued.submissions.values_list("unit_id", flat=True)) == set(
        communes.values_list("pk", flat=True))
    with pytest.raises(WorkflowError):  # an issued request's elements no longer change
        services.request_update(request=issued, actor=office, name="đổi tên")


def test_departments_or_a_list(soc_trang, office, users):
    departments = _draft(soc_trang, office, audience=Audience.DEPARTMENTS, **COMPLETE)
    kinds = set(services.audience_units(departments).values_list("kind", flat=True))
    assert kinds <= {"department", "statistics", "association", "coop_alliance"} and kinds
    chosen = [Unit.objects.get(code="92-SCT"), Unit.objects.get(code="92-TK")]
    listed = _draft(soc_trang, office, audience=Audience.LIST, units=chosen,
                    **COMPLETE | {"number": "89"})
    assert list(services.audience_units(listed).order_by("code")) == chosen
    with pytest.raises(ValidationError, match="Không thể yêu cầu"):  # another province's unit
        _draft(soc_trang, office, units=[Unit.objects.get(code="08-SCT")])


def test_only_the_office_drafts_and_issues(soc_trang, users):
    with pytest.raises(PermissionDenied):
        _draft(soc_trang, users["baocao.sct.cantho"])
    with pytest.raises(PermissionDenied):
        _draft(soc_trang, users["vanphong.tuyenquang"])


def test_last_years_request_is_copied_to_this_year(soc_trang, office):
    last_year = ReportingRequest.objects.get(number="1120")
    copy = services.request_copy(source=last_year, actor=office)
    assert copy.status == RequestStatus.DRAFT and copy.number == ""
    assert copy.copied_from_id == last_year.pk
    assert copy.name.endswith("năm 2025") and copy.subject.endswith("năm 2025")
    assert (copy.period_from, copy.period_to) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert (copy.data_from, copy.data_until) == (dt.date(2024, 12, 15), dt.date(2025, 12, 14))
    assert copy.deadline == dt.date(2025, 12, 18)
    assert list(copy.listed_units.all()) == list(last_year.listed_units.all())
    assert copy.outline == last_year.outline and copy.form == last_year.form


def test_recurring_requests_come_from_the_template_once_per_period(soc_trang, office):
    template = RequestTemplate.objects.get(plan=soc_trang)  # kept from the 2024 request
    assert (template.deadline_days, template.expiry_days) == (4, 5)
    made = services.request_from_template(template=template, year=2026, actor=office)
    assert made.name == "Báo cáo kết quả thực hiện Chương trình hằng năm năm 2026"
    assert (made.data_from, made.data_until) == (dt.date(2025, 12, 15), dt.date(2026, 12, 14))
    assert made.deadline == dt.date(2026, 12, 18) and made.expires_on == dt.date(2026, 12, 23)
    assert services.request_from_template(template=template, year=2026, actor=office) == made
    # the daily command makes the draft of the period holding today, once
    created = services.templates_due(dt.date(2027, 2, 3))
    assert [r.period_from for r in created] == [dt.date(2027, 1, 1)]
    assert services.templates_due(dt.date(2027, 3, 3)) == []
    assert services.templates_due(dt.date(2027, 12, 20))[0].period_from == dt.date(2028, 1, 1)
    from io import StringIO

    from django.core.management import call_command
    out = StringIO()
    call_command("reporting_periods", today="20/12/2027", stdout=out)  # already made: none
    assert "Đã tạo 0 dự thảo công văn." in out.getvalue()


def test_the_api_issues_a_request_within_its_scope(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    created = client.post("/api/v1/reporting/requests/", {
        "plan": soc_trang.pk, "name": "Báo cáo 6 tháng đầu năm 2026",
        "content": "Kết quả 6 tháng đầu năm.", "frequency": "six_monthly", "year": 2026,
        "part": 1, "audience": "departments", "number": "77",
        "issued_on": "2026-05-20", "subject": "Báo cáo 6 tháng đầu năm 2026",
        "deadline": "2026-06-20"}, content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["data_from"], data["data_until"]) == ("2025-12-15", "2026-06-14")
    assert data["status"] == "draft" and data["missing"] == []
    issued = client.post(f"/api/v1/reporting/requests/{data['id']}/issue/")
    assert issued.status_code == 200 and issued.json()["status"] == "issued"
    assert issued.json()["units"] > 0
    incomplete = client.post("/api/v1/reporting/requests/", {
        "plan": soc_trang.pk, "name": "Thiếu"}, content_type="application/json").json()
    refused = client.post(f"/api/v1/reporting/requests/{incomplete['id']}/issue/")
    assert refused.status_code == 409 and "số công văn" in refused.json()["detail"]
    client.force_login(users["vanphong.tuyenquang"])  # another province: not even seen
    assert client.get(f"/api/v1/reporting/requests/{data['id']}/").status_code == 404
    assert client.post("/api/v1/reporting/requests/", {"plan": soc_trang.pk, "name": "x"},
                       content_type="application/json").status_code in (400, 404)
    client.force_login(users["baocao.xa1.cantho"])  # a commune sees its submission, not drafts
    ids = [r["id"] for r in client.get("/api/v1/reporting/requests/").json()["results"]]
    assert data["id"] not in ids and incomplete["id"] not in ids


def test_a_unit_fills_and_sends_through_the_api(client, users, soc_trang):
    office = users["vanphong.cantho"]
    request = services.request_create(
        plan=soc_trang, actor=office, audience=Audience.LIST, **COMPLETE | {"number": "93"},
        units=[users["baocao.sct.cantho"].unit, users["baocao.xa1.cantho"].unit])
    request = services.request_issue(request=request, actor=office)
    mine = request.submissions.get(unit=users["baocao.sct.cantho"].unit)
    client.force_login(users["baocao.sct.cantho"])
    rows = [{"cells": {"activity": "Hội nghị", "cost": "5.000.000", "period": "2026"}},
            {"cells": {"activity": "Tổng", "cost": "6.000.000"}, "is_total": True}]
    saved = client.put(f"/api/v1/reporting/submissions/{mine.pk}/", {
        "sections": {"communication": "Tổ chức 01 hội nghị."}, "rows": rows},
        content_type="application/json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["findings"] == [
        "Dòng Tổng, cột Kinh phí thực hiện (đồng): cộng các dòng 1–1 được 5.000.000 nhưng ghi "
        "6.000.000 (chênh lệch 1.000.000)."]
    refused = client.post(f"/api/v1/reporting/submissions/{mine.pk}/submit/")
    assert refused.status_code == 409 and "chênh lệch 1.000.000" in refused.json()["detail"]
    rows[1]["cells"]["cost"] = "5.000.000"
    client.put(f"/api/v1/reporting/submissions/{mine.pk}/", {"rows": rows},
               content_type="application/json")
    sent = client.post(f"/api/v1/reporting/submissions/{mine.pk}/submit/")
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    other = request.submissions.exclude(pk=mine.pk).get()
    assert client.get(f"/api/v1/reporting/submissions/{other.pk}/").status_code == 404
    client.force_login(users["bo.khcn"])  # the Ministry reads sent versions, not drafts
    versions = client.get("/api/v1/reporting/versions/").json()["results"]
    assert {v["reference"] for v in versions} == {"215/BC-SKHCN", "301/BC-SKHCN"}
    assert next(v for v in versions if v["reference"] == "301/BC-SKHCN")["figures"][
        "figures"]["paid"]["value"] == "658"

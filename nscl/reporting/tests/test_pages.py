"""The reporting pages: the office drafts a request on a form (elements, outline, form) and
issues it; a unit's page shows its grid and its time; "Việc chờ tôi" carries the office's
reporting work; every page keeps to its scope."""

import datetime as dt

import pytest

from nscl.reporting.choices import RequestStatus
from nscl.reporting.models import ConsolidatedReport, ReportingRequest
from nscl.workflow.inbox import tasks_for


def _post_form(client, req, **changes):
    page = client.get(f"/bao-cao/cong-van/{req.pk}/sua/")
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        if value is None or value == "":
            continue
        if name == "units":
            data[name] = [u.pk for u in value]
        elif isinstance(value, dt.date):
            data[name] = f"{value:%d/%m/%Y}"
        elif hasattr(value, "pk"):
            data[name] = value.pk
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    data.update(changes)
    return client.post(f"/bao-cao/cong-van/{req.pk}/sua/", data)


def test_the_office_drafts_edits_and_issues_a_request_on_its_pages(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    home = client.get("/bao-cao/")
    assert [p.pk for p in home.context["plans"]] == [soc_trang.pk]
    created = client.post("/bao-cao/cong-van/moi/", {"ke_hoach": soc_trang.pk,
                                                     "name": "Báo cáo quý III năm 2026"})
    req = ReportingRequest.objects.get(name="Báo cáo quý III năm 2026")
    assert created["Location"] == f"/bao-cao/cong-van/{req.pk}/sua/"
    bad = _post_form(client, req, outline="I. KẾT QUẢ\nkhông có số\n1.1. lạc cấp",
                     columns="Số | ngày")
    assert bad.status_code == 200
    errors = bad.context["form"].errors
    assert "Dòng 2 của đề cương: “không có số” phải bắt đầu bằng số mục" in str(errors["outline"])
    assert "Dòng 3 của đề cương: mục “lạc cấp” không có mục cha" in str(errors["outline"])
    assert "kiểu “ngày” không rõ" in str(errors["columns"])
    saved = _post_form(
        client, req, content="Kết quả quý III", frequency="quarterly", year="2026", part="3",
        audience="communes", number="55", issued_on="01/09/2026",
        subject="Báo cáo kết quả quý III năm 2026", deadline="20/09/2026",
        expires_on="30/09/2026",
        outline="I. KẾT QUẢ THỰC HIỆN\n1. Hội nghị, tập huấn [bang]\nII. ĐỀ XUẤT [proposals]",
        columns="Nội dung | chữ\nSố lượt người | số\nKinh phí (đồng) | tiền",
        rows="Hội nghị tuyên truyền\nTập huấn", total="on")
    assert saved.status_code == 302
    req.refresh_from_db()
    assert (req.data_from, req.data_until) == (dt.date(2026, 6, 15), dt.date(2026, 9, 14))
    assert [i["key"] for i in req.outline] == ["ket_qua_thuc_hien", "quantitative", "proposals"]
    assert [c["type"] for c in req.form["columns"]] == ["text", "number", "money"]
    assert req.form["rows"] == ["Hội nghị tuyên truyền", "Tập huấn"]
    detail = client.get(f"/bao-cao/cong-van/{req.pk}/")
    assert detail.context["problems"] == [] and detail.context["audience_count"] > 90
    unconfirmed = client.post(f"/bao-cao/cong-van/{req.pk}/ban-hanh/")
    assert "Xác nhận: Ban hành công văn đề nghị báo cáo" in unconfirmed.content.decode()
    req.refresh_from_db()
    assert req.status == RequestStatus.DRAFT  # asked, not done
    client.post(f"/bao-cao/cong-van/{req.pk}/ban-hanh/", {"xac_nhan": "1"})
    req.refresh_from_db()
    assert req.status == RequestStatus.ISSUED and req.submissions.count() > 90

    client.force_login(users["baocao.xa1.cantho"])
    mine = req.submissions.get(unit=users["baocao.xa1.cantho"].unit)
    page = client.get(f"/bao-cao/dong-gop/{mine.pk}/")
    assert [r.cell("c1") for r in page.context["rows"]] == ["Hội nghị tuyên truyền", "Tập huấn",
                                                            "Tổng"]
    assert 'name="r-1-n2"' in page.content.decode() and "grid.js" in page.content.decode()
    assert "<script>" not in page.content.decode()  # no inline script: the CSP forbids it
    other = req.submissions.exclude(unit=users["baocao.xa1.cantho"].unit).first()
    assert client.get(f"/bao-cao/dong-gop/{other.pk}/").status_code == 404
    assert client.get(f"/bao-cao/cong-van/{req.pk}/").status_code == 404


def test_the_offices_reporting_work_waits_in_its_inbox(users, soc_trang):
    from nscl.reporting import services

    office = users["vanphong.cantho"]
    draft = services.request_create(plan=soc_trang, actor=office, name="Dự thảo chờ ban hành")
    titles = {t.title: t.actions for t in tasks_for(office) if t.group == "Báo cáo"}
    assert titles["…/SKHCN-TĐC — Dự thảo chờ ban hành"] == ("Hoàn thiện và ban hành",)
    assert draft.pk
    report = ConsolidatedReport.objects.get(request__number="1120")
    ConsolidatedReport.objects.filter(pk=report.pk).update(status="ready")
    actions = {t.url: t.actions for t in tasks_for(office) if t.group == "Báo cáo"}
    assert actions[f"/bao-cao/bao-cao/{report.pk}/"] == ("Ký số và gửi Bộ",)
    assert not [t for t in tasks_for(users["xem.cantho"]) if t.group == "Báo cáo"]


@pytest.mark.parametrize("username,status", [("vanphong.cantho", 200), ("xem.cantho", 200),
                                             ("bo.khcn", 200), ("vanphong.quangngai", 404),
                                             ("baocao.sct.cantho", 404)])
def test_the_sent_report_page_is_scoped(client, users, username, status):
    report = ConsolidatedReport.objects.get(request__number="1120")
    client.force_login(users[username])
    assert client.get(f"/bao-cao/bao-cao/{report.pk}/").status_code == status


@pytest.mark.parametrize("username,uses", [
    ("vanphong.cantho", True), ("baocao.xa1.cantho", True), ("lanhdao.cantho", True),
    ("bo.khcn", True), ("doanhnghiep.cantho", False), ("hoidong.cantho", False)])
def test_who_has_reporting_in_the_menu(users, username, uses):
    from nscl.reporting.permissions import uses_reporting

    assert uses_reporting(users[username]) is uses

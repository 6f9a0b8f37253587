"""The REST API: the same engine and the same scope as the pages; bad input answered clearly."""

from io import BytesIO

from nscl.conftest import SOC_TRANG_PLAN, seed_path


def test_plans_are_scoped(client, users, soc_trang, tuyen_quang):
    client.force_login(users["vanphong.tuyenquang"])
    ids = [p["id"] for p in client.get("/api/v1/plans/").json()["results"]]
    assert ids == [tuyen_quang.pk]
    assert client.get(f"/api/v1/plans/{soc_trang.pk}/progress/").status_code == 404
    client.logout()
    assert client.get("/api/v1/plans/").status_code == 403


def test_progress_comes_from_the_indicator_engine(client, users, soc_trang):
    from nscl.plans.progress import plan_progress

    client.force_login(users["bo.khcn"])
    phase = soc_trang.phases.get(start_year=2021)
    data = client.get(f"/api/v1/plans/{soc_trang.pk}/progress/?phase={phase.pk}").json()
    expected = {r.indicator.order: r.current for r in plan_progress(soc_trang, phase)}
    assert {row["order"]: row["current"] for row in data} == {
        k: (None if v is None else f"{v:.4f}") for k, v in expected.items()}
    assert client.get(f"/api/v1/plans/{soc_trang.pk}/progress/?until=x").status_code == 400


def test_budget_findings_and_file_check(client, users, soc_trang):
    client.force_login(users["vanphong.cantho"])
    findings = client.get(f"/api/v1/plans/{soc_trang.pk}/budget-findings/").json()
    assert sum(f["severity"] == "error" for f in findings) == 7
    with open(seed_path(SOC_TRANG_PLAN), "rb") as fh:
        upload = BytesIO(fh.read())
    upload.name = "phu-luc.txt"
    checked = client.post("/api/v1/budget/check/", {"file": upload}).json()
    assert checked["fully_understood"] is True and checked["checks"] == 129
    assert {(f["line"], f["check"]) for f in checked["findings"] if f["severity"] == "error"} >= {
        ("5.4", "quantity_times_price"), ("6", "quantity_times_price")}
    bad = BytesIO(b"%PDF-1.4")
    bad.name = "bang.pdf"
    response = client.post("/api/v1/budget/check/", {"file": bad})
    assert response.status_code == 400 and "Chỉ nhận tệp .xlsx, .docx hoặc .txt." in str(
        response.json())
    client.force_login(users["baocao.xa1.cantho"])  # a commune does not read budgets
    assert client.get(f"/api/v1/plans/{soc_trang.pk}/budget-findings/").status_code == 404


def test_cases_are_scoped_like_the_pages(client, users):
    client.force_login(users["doanhnghiep.cantho"])
    cases = client.get("/api/v1/cases/").json()["results"]
    assert cases and {c["beneficiary"] for c in cases} == {"HTX Nông nghiệp Mỹ Xuyên"}


def test_the_openapi_schema_is_valid(client, users):
    client.force_login(users["bo.khcn"])
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200 and b"/api/v1/plans/{id}/progress/" in response.content

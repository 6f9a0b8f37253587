"""The API reads request bodies within bounds: a JSON body nested thousands deep is a clear
Vietnamese 400 (it was a RecursionError, a 500), a body over the limit a Vietnamese 413."""

import json

import pytest


@pytest.fixture
def office(client, users):
    client.force_login(users["vanphong.cantho"])
    return client


def test_json_nested_5000_deep_is_a_clear_400(office, soc_trang):
    body = f'{{"plan": {soc_trang.pk}, "outline": {"[" * 5000 + "]" * 5000}}}'
    response = office.post("/api/v1/reporting/requests/", body, content_type="application/json")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "lồng nhau quá" in detail and "40" in detail
    assert "Recursion" not in response.content.decode()


def test_json_within_the_depth_still_passes(office, soc_trang):
    outline = [{"title": "Kết quả", "children": [{"title": "Hội thảo"}]}]
    response = office.post("/api/v1/reporting/requests/", {"plan": soc_trang.pk,
                           "outline": outline}, content_type="application/json")
    assert response.status_code == 201, response.content


def test_a_body_over_the_limit_is_a_clear_413(office, soc_trang, settings):
    settings.NSCL_API_MAX_BYTES = 64 * 1024
    body = json.dumps({"plan": soc_trang.pk, "content": "x" * 100_000})
    response = office.post("/api/v1/reporting/requests/", body, content_type="application/json")
    assert response.status_code == 413
    assert "65.536" in response.json()["detail"] and "byte" in response.json()["detail"]


def test_malformed_json_and_nan_are_400(office, soc_trang):
    for body in ['{"plan": ', '{"plan": NaN}', b'{"name": "\xff"}']:
        response = office.post("/api/v1/reporting/requests/", body,
                               content_type="application/json")
        assert response.status_code == 400, body
        detail = response.json()["detail"]
        assert "không phải là JSON hợp lệ" in detail, detail
        assert "Expecting" not in detail and "codec" not in detail  # no Python text


def test_a_path_naming_nothing_is_a_json_404(office):
    """Found by schemathesis: `/api/v1/plans/0.16/` was Django's HTML 404 page; under the EPCIS
    binding it is the binding's problem document, with its version headers (found by
    schemathesis once the schema declared them)."""
    for path, kind in [("/api/v1/plans/0.16/", "application/json"),
                       ("/api/v1/reporting/requests/0.16/issue/", "application/json"),
                       ("/truy-xuat/epcis/capture/khong-phai-uuid", "application/problem+json")]:
        response = office.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith(kind)
        assert response.json()["detail"] == "Không tìm thấy."
    assert response.json()["type"] == "epcisException:NoSuchResourceException"
    assert response["GS1-EPCIS-Version"] == "2.0.0"


def test_until_in_unicode_digits_is_a_400(office, soc_trang):
    """`?until=²` passed `str.isdigit()` and failed in `int()`: a 500."""
    response = office.get(f"/api/v1/plans/{soc_trang.pk}/progress/?until=²")
    assert response.status_code == 400 and "Năm phải là số" in str(response.json())
    rows = office.get(f"/api/v1/plans/{soc_trang.pk}/progress/?until=2024").json()
    assert isinstance(rows, list) and rows  # one row per indicator, not a page


def test_a_request_answers_its_listed_units(office, soc_trang, users):
    """The schema said `listed_units` was write-only; the answer carries it."""
    unit = users["baocao.xa1.cantho"].unit
    created = office.post("/api/v1/reporting/requests/", {
        "plan": soc_trang.pk, "audience": "list", "listed_units": [unit.pk]},
        content_type="application/json").json()
    assert created["listed_units"] == [unit.pk]
    schema = office.get("/api/v1/schema/?format=json").json()
    assert "writeOnly" not in schema["components"]["schemas"]["Request"]["properties"][
        "listed_units"]


def test_a_step_the_state_does_not_allow_is_a_409(office, soc_trang):
    """Found by the stateful fuzzing (create, issue, issue again along the schema's links):
    issuing an issued request was a 400, as if the request were malformed; it is a conflict
    with the request's state, and the schema documents it."""
    created = office.post("/api/v1/reporting/requests/", {
        "plan": soc_trang.pk, "name": "Báo cáo 6 tháng cuối năm 2026",
        "content": "Kết quả 6 tháng cuối năm.", "frequency": "six_monthly", "year": 2026,
        "part": 2, "audience": "departments", "number": "79", "issued_on": "2026-11-20",
        "subject": "Báo cáo 6 tháng cuối năm 2026", "deadline": "2026-12-20"},
        content_type="application/json").json()
    assert office.post(f"/api/v1/reporting/requests/{created['id']}/issue/").status_code == 200
    again = office.post(f"/api/v1/reporting/requests/{created['id']}/issue/")
    assert again.status_code == 409
    assert "đang ở trạng thái" in again.json()["detail"]
    schema = office.get("/api/v1/schema/?format=json").json()
    issue = schema["paths"]["/api/v1/reporting/requests/{id}/issue/"]["post"]
    assert "409" in issue["responses"]
    assert "links" in schema["paths"]["/api/v1/reporting/requests/"]["post"]["responses"]["201"]


def test_progress_until_a_year_before_the_phase_counts_nothing(office, soc_trang):
    """Found by the stateful fuzzing once `until` was declared 1900–2100: `until=1995`, before
    the phase starts, reached the computed indicators' windows (ends before it starts) — a
    500. Nothing is counted by then."""
    response = office.get(f"/api/v1/plans/{soc_trang.pk}/progress/?until=1995")
    assert response.status_code == 200
    rows = response.json()
    assert rows and all(not row["by_year"] for row in rows), rows[:2]

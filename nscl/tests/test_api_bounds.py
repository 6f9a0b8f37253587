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

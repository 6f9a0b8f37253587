"""Machine clients call the API with a token (`nscl api_token USERNAME`), scoped exactly like
the token's user: the same restrict() and permissions as the pages."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nscl.reporting.models import Submission
from nscl.reporting.tests.factories import reporting_request

pytestmark = pytest.mark.django_db


def _token(username: str, *args: str) -> str:
    out = StringIO()
    call_command("api_token", username, *args, stdout=out)
    return out.getvalue().strip().splitlines()[-1].strip()


def _submissions(client, token: str | None):
    headers = {"HTTP_AUTHORIZATION": f"Token {token}"} if token else {}
    return client.get("/api/v1/reporting/submissions/", **headers)


def test_a_commune_reporters_token_sees_only_its_commune(client, users, soc_trang):
    reporter = users["baocao.xa1.cantho"]
    reporting_request(soc_trang, users["vanphong.cantho"].unit,
                      [reporter.unit, users["baocao.xa2.cantho"].unit])
    own = set(Submission.objects.filter(unit=reporter.unit).values_list("pk", flat=True))
    assert own and Submission.objects.exclude(unit=reporter.unit).exists()
    key = _token("baocao.xa1.cantho")
    response = _submissions(client, key)
    assert response.status_code == 200
    rows = response.json()["results"]
    assert {r["id"] for r in rows} == own
    assert {r["unit"] for r in rows} == {reporter.unit.name}
    # the same answer as the user's own session: one scope, whatever the authentication
    session = client.__class__()
    session.force_login(reporter)
    assert {r["id"] for r in _submissions(session, None).json()["results"]} == own
    # and its permissions: a commune reads no budget through a token either
    assert client.get(f"/api/v1/plans/{soc_trang.pk}/budget-findings/",
                      HTTP_AUTHORIZATION=f"Token {key}").status_code == 404


def test_no_token_or_a_wrong_one_is_refused(client):
    assert _submissions(client, None).status_code in (401, 403)
    # 403 for both: the session comes first, as for the pages' own scripts
    assert _submissions(client, "0" * 40).status_code in (401, 403)


def test_a_revoked_token_is_refused(client):
    key = _token("vanphong.cantho")
    assert _submissions(client, key).status_code == 200
    out = StringIO()
    call_command("api_token", "vanphong.cantho", "--revoke", stdout=out)
    assert _submissions(client, key).status_code in (401, 403)
    # a new token replaces the old one: the old key stops working
    first = _token("vanphong.cantho")
    second = _token("vanphong.cantho")
    assert first != second
    assert _submissions(client, first).status_code in (401, 403)
    assert _submissions(client, second).status_code == 200


def test_a_token_of_a_deactivated_account_is_refused(client, users):
    key = _token("xem.cantho")
    user = users["xem.cantho"]
    user.is_active = False
    user.save()
    assert _submissions(client, key).status_code in (401, 403)


def test_an_unknown_user_is_named(db):
    with pytest.raises(CommandError, match="khong-co"):
        call_command("api_token", "khong-co", stdout=StringIO())


def test_the_schema_declares_the_token(client, users):
    client.force_login(users["vanphong.cantho"])
    schema = client.get("/api/v1/schema/?format=json").content.decode()
    assert "tokenAuth" in schema

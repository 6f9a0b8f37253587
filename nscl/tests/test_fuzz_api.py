"""Schemathesis over the whole OpenAPI schema (drf-spectacular), through the WSGI application (no
server), as an office user (a token) and as an anonymous client: no server error and no answer
that contradicts the schema (status, content type, headers, body). A few examples an operation,
derandomized, so the run is short and the same in every CI run; the totals are printed at the
end of the session (operations, cases, failures)."""

import time
from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from nscl.tests.tallies import tally

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance,
          # what the schema allows is accepted (2xx, or 401/403/404 for scope), what it does
          # not is refused (4xx): the schema is the contract, not a loose description of it
          positive_data_acceptance, negative_data_rejection]
# operations whose valid bodies a schema cannot describe, so positive data cannot be promised
# acceptance — each with why (every other check still runs on them)
UNDESCRIBABLE = {
    "POST /api/v1/budget/check/": "the body is a file whose worth is its content (an appendix "
    "readable as .xlsx, .docx or text) and whose reader is chosen by its file name's extension: "
    "neither is JSON Schema (a multipart part's file name is not in OpenAPI)",
}
EXAMPLES = {schemathesis.GenerationMode.POSITIVE: 6, schemathesis.GenerationMode.NEGATIVE: 3}
BUDGET_SECONDS = 25  # each of the two runs; the whole file stays under a minute
SCENARIOS, STEPS = 25, 8  # the stateful run: scenarios of up to 8 calls along the links


def _gtin(digits: str) -> str:
    """`digits` with their GS1 check digit."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return digits + str(-total % 10)


# the schema's `format: gtin` (a GTIN with its check digit), generated as GS1 computes it
schemathesis.openapi.format("gtin", st.sampled_from([7, 11, 12, 13]).flatmap(
    lambda n: st.text("0123456789", min_size=n, max_size=n)).map(_gtin))


def _schema(client, user) -> dict:
    client.force_login(user)
    response = client.get("/api/v1/schema/?format=json")
    client.logout()
    assert response.status_code == 200
    return response.json()


@contextmanager
def _connections_kept():
    """As Django's test client does: a request's end must not close the test's connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _fuzz(document: dict, headers: dict, label: str) -> list[str]:
    with _connections_kept():
        return _run(document, headers, label)


def _examples(operation, mode, examples, app, headers, totals, failures):
    """The hypothesis test of one operation in one mode: every failure listed, none stops it."""

    @hypothesis_settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                         phases=[Phase.explicit, Phase.generate],
                         suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        totals["cases"] += 1
        checks = CHECKS if operation.label not in UNDESCRIBABLE else [
            check for check in CHECKS if check is not positive_data_acceptance]
        try:
            case.call_and_validate(app=app, headers=headers, checks=checks)
        except (Exception, BaseExceptionGroup) as exc:
            totals["failures"] += 1
            failures.append(f"{operation.label} [{mode}]: {str(exc)[:1500]}")

    return run


def _run(document: dict, headers: dict, label: str) -> list[str]:
    schema = schemathesis.openapi.from_dict(document)
    app = get_wsgi_application()
    totals = tally(f"schemathesis, {label}")
    totals.update({"operations": 0, "cases": 0, "failures": 0, "operations cut by time": 0})
    failures: list[str] = []
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        totals["operations"] += 1
        if time.monotonic() - started > BUDGET_SECONDS:
            totals["operations cut by time"] += 1
            continue
        for mode, examples in EXAMPLES.items():
            _examples(operation, mode, examples, app, headers, totals, failures)()
    return failures


def _stateful(document: dict, headers: dict, label: str) -> None:
    """Sequences of calls along the schema's OpenAPI links (`core.openapi.LINKS`, the EPCIS
    capture's job): a request created, then read, changed, issued and copied; a document
    captured, then its job read — each answer checked as above."""
    schema = schemathesis.openapi.from_dict(document)
    app = get_wsgi_application()
    totals = tally(f"schemathesis stateful, {label}")
    totals.update({"links": schema.statistic.transitions.total, "scenarios": 0, "calls": 0,
                   "calls along a link": 0})

    class Workflow(schema.as_state_machine()):
        def setup(self):
            totals["scenarios"] += 1

        def step(self, input):
            totals["calls"] += 1
            totals["calls along a link"] += input.transition is not None
            return super().step(input)

        def get_call_kwargs(self, case):
            return {"app": app, "headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            checks = CHECKS if case.operation.label not in UNDESCRIBABLE else [
                check for check in CHECKS if check is not positive_data_acceptance]
            case.validate_response(response, checks=checks, headers=headers)

    with _connections_kept():
        Workflow.run(settings=hypothesis_settings(
            max_examples=SCENARIOS, stateful_step_count=STEPS, deadline=None, database=None,
            derandomize=True, suppress_health_check=list(HealthCheck)))
    assert totals["calls along a link"] > 0


@pytest.mark.django_db
def test_the_api_as_an_office_user(client, users):
    office = users["vanphong.cantho"]
    token = Token.objects.create(user=office)
    failures = _fuzz(_schema(client, office), {"Authorization": f"Token {token.key}"}, "office")
    assert not failures, "\n\n".join(failures[:20])


@pytest.mark.django_db
def test_the_api_as_an_anonymous_client(client, users):
    failures = _fuzz(_schema(client, users["vanphong.cantho"]), {}, "anonymous")
    assert not failures, "\n\n".join(failures[:20])


@pytest.mark.django_db
def test_the_api_along_its_links_as_an_office_user(client, users):
    office = users["vanphong.cantho"]
    token = Token.objects.create(user=office)
    _stateful(_schema(client, office), {"Authorization": f"Token {token.key}"}, "office")

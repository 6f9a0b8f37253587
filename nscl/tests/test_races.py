"""Issue 13, races: pairs of identical requests released together, each with one effect.

Each race builds a small province of its own (the factories, not the demo: the test commits,
and the database is emptied after it), then sends the same request twice from two threads
held at a barrier and released at once — two applications to one call, the same EPCIS document,
two reminder runs, the same member's score, the same report sent twice. Each pair must have one
effect (or two distinct ones where two are right), never a server error, never a duplicate
e-mail or log row.

On PostgreSQL the two requests really overlap (each thread has its own connection, closed when
it ends); on SQLite, whose write transactions are IMMEDIATE, the database lets one writer in at
a time, so the same assertions hold with the pair serialised by the database itself.
"""

import datetime as dt
import json
import threading

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nscl.jobs.models import OutgoingMail
from nscl.organisation.choices import Role
from nscl.organisation.tests.factories import UserFactory
from nscl.reporting import outline as outlines
from nscl.reporting.models import Submission
from nscl.reporting.notifications import reminders_send
from nscl.reporting.tests.factories import reporting_request
from nscl.support.choices import CaseStatus, CouncilRole
from nscl.support.models import CallCategory, Council, CouncilMember, Score, SupportCase
from nscl.support.services import councils
from nscl.support.tests.factories import PDF, application
from nscl.tests.worlds import small_province
from nscl.traceability.models import Batch, Product, TraceEvent
from nscl.workflow.models import DomainEvent

committing = pytest.mark.django_db(transaction=True)


def together(*calls) -> list:
    """Run each callable in a thread of its own, all released at once; what each returned (or
    raised). Every thread closes its database connection when it ends."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=20)
            results[index] = call()
        except Exception as exc:  # a server error: the test client re-raises it here
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _statuses(results) -> list:
    errors = [r for r in results if isinstance(r, BaseException)]
    assert not errors, f"server errors: {errors!r}"
    return sorted(r.status_code for r in results)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _logged(verb: str, objects) -> int:
    """How many `verb` events the log holds for these records (the demo may hold others)."""
    objects = list(objects)
    return DomainEvent.objects.filter(
        verb=verb, object_id__in=[str(o.pk) for o in objects],
        content_type__model=objects[0]._meta.model_name if objects else "").count()


# --- case codes --------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_case_code_never_repeats_one_still_given_after_a_case_is_removed():
    """The code was `count() + 1`: with cases 001 and 002 given and 001 removed, the next
    application was numbered 002 again and refused by the unique code, for ever."""
    w = small_province()
    first, second = (application(w.call, w.firm, actor=w.firm_user) for _ in range(2))
    first.delete()
    third = application(w.call, w.firm, actor=w.firm_user)
    assert [second.code[-3:], third.code[-3:]] == ["002", "003"]


def race_two_applications_to_one_call(w, settings):
    """Before: the second was a 500 (both numbered `count() + 1`, the unique code broke)."""
    category = CallCategory.objects.get(call=w.call, category__code="5.1")
    clients = [_client(w.firm_user) for _ in range(2)]
    url = reverse("support:case_new") + f"?dot={w.call.pk}"

    def apply(client):
        return lambda: client.post(url, {
            "call_category": category.pk, "beneficiary": w.firm.pk,
            "content": "Áp dụng ISO 9001:2015", "estimated_cost": "60",
            "requested_amount": "40", "commitment_signed": "on",
            "doc_commitment": SimpleUploadedFile("Bảng cam kết.pdf", PDF, "application/pdf")})

    assert _statuses(together(*(apply(c) for c in clients))) == [302, 302]
    cases = list(SupportCase.objects.filter(call_category__call=w.call).order_by("code"))
    assert [c.code[-4:] for c in cases] == ["-001", "-002"]
    assert [c.documents.count() for c in cases] == [1, 1]  # each with its own file
    assert _logged("case_submit", cases) == 2


# --- the same EPCIS document twice -----------------------------------------------------------

def _epcis_document(producer_tax_code: str, gtin: str) -> dict:
    uri = f"https://truyxuat.example.vn/01/{gtin}/10/GLT-2026-01"
    return {
        "@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
                     {"nscl": "https://nscl.vn/voc/", "cbvmda": "urn:epcglobal:cbv:mda#"}],
        "type": "EPCISDocument", "schemaVersion": "2.0",
        "creationDate": "2026-11-20T08:00:00+07:00",
        "epcisHeader": {"epcisMasterData": {"vocabularyList": [{
            "type": "urn:epcglobal:epcis:vtype:EPCClass", "vocabularyElementList": [
                {"id": f"https://truyxuat.example.vn/01/{gtin}", "attributes": [
                    {"id": "cbvmda:descriptionShort", "attribute": "Gạo lứt tím thử nghiệm"},
                    {"id": "nscl:producerTaxCode", "attribute": producer_tax_code}]},
                {"id": uri, "attributes": [
                    {"id": "nscl:productionDate", "attribute": "2026-11-01"}]}]}]}},
        "epcisBody": {"eventList": [
            {"type": "ObjectEvent", "action": "OBSERVE", "eventTimeZoneOffset": "+07:00",
             "eventTime": f"2026-11-0{d}T08:00:00+07:00", "epcList": [uri], "bizStep": step}
            for d, step in ((2, "packing"), (3, "shipping"), (4, "receiving"))]}}


def race_the_same_epcis_document_twice(w, settings):
    """Before: a 500 on the product's unique GTIN. Now one product, one lot, its events once;
    both answered 202, the second capture's events reported as duplicates."""
    gtin = "08935049500018"
    body = json.dumps(_epcis_document(w.firm.tax_code, gtin))
    clients = [_client(w.office) for _ in range(2)]

    def capture(client):
        def send():
            response = client.post("/truy-xuat/epcis/capture", body,
                                   content_type="application/ld+json")
            job = client.get(response["Location"]).json() if response.status_code == 202 \
                else {}
            response.summary = (job.get("eventsCaptured"), job.get("duplicatesSkipped"))
            return response
        return send

    results = together(*(capture(c) for c in clients))
    assert _statuses(results) == [202, 202]
    assert sorted(r.summary for r in results) == [(0, 3), (3, 0)]
    made = Product.objects.get(gtin=gtin)
    assert Batch.objects.filter(product=made).count() == 1
    assert TraceEvent.objects.filter(batch__product=made).count() == 3
    assert DomainEvent.objects.filter(verb="epcis_captured", actor=w.office).count() == 2


# --- two reminder runs --------------------------------------------------------------------------

def race_two_reminder_runs(w, settings):
    """Before (3 races in 5): both runs read "not reminded yet" and both sent. The reminder is
    claimed in the database (its outbox key) before it is sent, and sent after commit."""
    settings.NSCL_TASKS_AFTER_COMMIT = True
    request = reporting_request(w.plan, w.department, [w.commune], year=w.year)
    for n in range(2):
        UserFactory(role=Role.UNIT_REPORTER, unit=w.commune, email=f"baocao{n}@xa.nscl.vn")
    day = request.deadline - dt.timedelta(days=5)
    mail.outbox, queued = [], OutgoingMail.objects.count()
    claimed = together(lambda: reminders_send(day), lambda: reminders_send(day))
    ours = [sorted(m.to) for m in mail.outbox if "baocao0@xa.nscl.vn" in m.to]
    assert ours == [["baocao0@xa.nscl.vn", "baocao1@xa.nscl.vn"]]
    assert sum(claimed) == len(mail.outbox) == OutgoingMail.objects.count() - queued
    submission = request.submissions.get()
    assert OutgoingMail.objects.filter(key__startswith=f"reminder:submission:{submission.pk}:"
                                       ).count() == 1
    assert _logged("reminder_sent", [submission]) == 1


# --- the same member scoring twice -------------------------------------------------------------

def race_the_same_member_scoring_twice(w, settings):
    """Before: two score events for one score. The case is locked while a score is recorded,
    and a submitted score is final: the second is refused with a message."""
    case = application(w.call, w.firm, actor=w.firm_user)
    member = UserFactory(role=Role.COUNCIL_MEMBER, unit=w.department)
    council = Council.objects.create(plan=w.plan, kind="selection", name="Hội đồng tuyển chọn",
                                     decision_number="12/QĐ-SKHCN",
                                     decision_date=dt.date(w.year, 3, 1))
    CouncilMember.objects.create(council=council, user=member, role=CouncilRole.MEMBER)
    SupportCase.objects.filter(pk=case.pk).update(selection_council=council,
                                                  status=CaseStatus.UNDER_REVIEW)
    case.refresh_from_db()
    councils.scoring_criteria_ensure(w.plan)
    councils.conflict_declare(case=case, actor=member, has_conflict=False)
    criteria = councils.criteria_for(case)
    data = {f"points_{c.pk}": c.max_points // 2 for c in criteria} | {"xac_nhan": "1"}
    url = reverse("support:case_score", args=[case.pk])
    clients = [_client(member) for _ in range(2)]

    results = together(*(lambda c=c: c.post(url, data) for c in clients))
    assert _statuses(results) == [200, 302]  # the second shows the form with the refusal
    assert Score.objects.filter(case=case).count() == 1
    assert _logged("case_score", Score.objects.filter(case=case)) == 1


# --- the same report sent twice ----------------------------------------------------------------

def race_the_same_report_sent_twice(w, settings):
    """Before: the draft was saved in one transaction and sent in another, so two sends at
    once logged two saves (the second send then refused). Save and send are one transaction:
    the second finds the report sent and writes nothing."""
    request = reporting_request(w.plan, w.department, [w.commune], year=w.year)
    submission = Submission.objects.get(request=request, unit=w.commune)
    Submission.objects.filter(pk=submission.pk).update(
        reopened_until=timezone.localdate() + dt.timedelta(days=30))  # within its time
    reporter = UserFactory(role=Role.UNIT_REPORTER, unit=w.commune)
    key = outlines.writable_keys(request.outline)[0]
    data = {f"s_{key}": "Tổ chức 2 hội thảo về năng suất chất lượng.",
            "r-1-activity": "Hội thảo năng suất", "r-1-cost": "20.000.000", "r-1-period": "2026",
            "r-2-activity": "Tổng", "r-2-cost": "20.000.000", "r-2-total": "1",
            "submit": "1", "xac_nhan": "1"}
    url = reverse("reporting:submission_detail", args=[submission.pk])
    clients = [_client(reporter) for _ in range(2)]

    results = together(*(lambda c=c: c.post(url, data) for c in clients))
    assert _statuses(results) == [200, 302]  # the second: the page again, the refusal said
    submission.refresh_from_db()
    assert submission.status == "submitted"
    assert _logged("submission_save", [submission]) == _logged("submission_submit",
                                                                [submission]) == 1


RACES = [race_two_applications_to_one_call, race_the_same_epcis_document_twice,
         race_two_reminder_runs, race_the_same_member_scoring_twice,
         race_the_same_report_sent_twice]


@committing
def test_pairs_of_identical_requests_released_together_have_one_effect_each(settings):
    """The five races of issue 13 in one committing test (emptying the database after a
    committing test costs seconds on PostgreSQL, so they share one): each pair on a province
    of its own."""
    for race in RACES:
        race(small_province(), settings)

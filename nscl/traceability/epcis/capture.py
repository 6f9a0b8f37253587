"""EPCIS 2.0 capture: a document checked whole against the schema and the CBV, then its master
data (products, lots) and its events stored in one transaction, or nothing.

- Who may capture is `permissions.capture_epcis`; an event naming a product NSCL manages needs
  `permissions.manage_product` for it, as the product form does; every capture is logged.
- An event naming no product NSCL manages is kept as the sender's data (`external`): not
  refused, not attached to any lot.
- The CBV 2.0 event hash identifies an event: one already stored is counted as a duplicate and
  not stored again, so a document sent twice — even twice at once — has one effect.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.translation import gettext as _

from nscl.workflow.services import event_record

from .. import masterdata
from ..models import Batch, CaptureJob, EpcIndex, Product, TraceEvent
from ..permissions import can_capture_epcis, can_manage_product
from . import schema
from .epcs import canonical, named, product_key
from .hashing import context_prefixes, event_hash
from .problems import Issue, Problem, pointer
from .times import moment

PLACE_NAME = "nscl:placeName"  # a place in words (a producer's phone form), shown as it is
CAPTURE_LOCK = 1322_0017  # one capture at a time on PostgreSQL (captures are rare, races not)
CBV_PREFIXES = ("https://ref.gs1.org/cbv/BizStep-", "https://ref.gs1.org/cbv/Disp-",
                "urn:epcglobal:cbv:bizstep:", "urn:epcglobal:cbv:disp:", "cbv:BizStep-",
                "cbv:Disp-")


class CaptureError(Problem):
    """A capture refused whole (the problem details say why, element by element)."""


@dataclass
class _Prepared:
    event: dict
    when: dt.datetime
    hash: str
    identifiers: list[tuple[str, str]]
    batch: Batch | None
    products: set
    external: bool


def _term(value: str) -> str:
    """A CBV term bare (as the JSON-LD context writes it); any other URI as sent."""
    for prefix in CBV_PREFIXES:
        if value.startswith(prefix):
            return value[len(prefix):]
    return value


def _extra_context(document: dict) -> list:
    context = document.get("@context")
    return [c for c in (context if isinstance(context, list) else [context])
            if isinstance(c, dict)]


def _prepare(document: dict, actor) -> tuple[list[_Prepared], int, list[Issue]]:
    events = document.get("epcisBody", {}).get("eventList", [])
    prefixes = context_prefixes(document.get("@context"))
    keys = {n: [product_key(v) for _r, v in named(e)] for n, e in enumerate(events)}
    gtins = {k.gtin for found in keys.values() for k in found if k}
    products = {p.gtin: p for p in Product.objects.filter(gtin__in=gtins)
                .select_related("producer", "place")}
    batches = {(b.product.gtin, b.lot): b for b in Batch.objects.filter(
        product__gtin__in=products).select_related("product")}
    hashes = [event_hash(e, prefixes) for e in events]
    stored = set(TraceEvent.objects.filter(event_hash__in=hashes)
                 .values_list("event_hash", flat=True))
    given_ids = [e.get("eventID") for e in events if e.get("eventID")]
    known_ids = dict(TraceEvent.objects.filter(event_id__in=given_ids)
                     .values_list("event_id", "event_hash"))
    prepared, issues, seen, duplicates = [], [], set(), 0
    for n, event in enumerate(events):
        where = ("epcisBody", "eventList", n)
        when = moment(event.get("eventTime", ""))
        if when is None:
            issues.append(Issue(pointer(*where, "eventTime"),
                                _("eventTime phải là thời điểm ISO 8601 có múi giờ.")))
            continue
        if hashes[n] in stored or hashes[n] in seen:
            duplicates += 1
            continue
        seen.add(hashes[n])
        event_id = event.get("eventID")
        if event_id and event_id in known_ids:
            issues.append(Issue(pointer(*where, "eventID"), _(
                "eventID %(id)s đã được dùng cho một sự kiện khác.") % {"id": event_id}))
            continue
        named_products, batch = set(), None
        for key in keys[n]:
            if key and key.gtin in products:
                named_products.add(products[key.gtin])
                batch = batch or batches.get((key.gtin, key.lot))
        for product in named_products:
            decision = can_manage_product(actor, product)
            if not decision:
                issues.append(Issue(pointer(*where), _(
                    "bạn không được ghi sự kiện cho sản phẩm %(p)s (GTIN %(g)s): %(why)s") % {
                    "p": product.name, "g": product.gtin, "why": decision.reason}))
        prepared.append(_Prepared(event, when, hashes[n], named(event), batch, named_products,
                                  not named_products))
    return prepared, duplicates, issues


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CAPTURE_LOCK])


def _store(item: _Prepared, context: list, actor) -> TraceEvent:
    event = item.event
    body = dict(event)
    if context and "@context" not in body:
        body["@context"] = context
    stored = TraceEvent.objects.create(
        event_id=event.get("eventID", ""), event_hash=item.hash, type=event["type"],
        action=event.get("action", ""), event_time=item.when,
        event_time_zone_offset=event.get("eventTimeZoneOffset", "+07:00"),
        biz_step=_term(event.get("bizStep", "")), disposition=_term(event.get("disposition", "")),
        read_point=(event.get("readPoint") or {}).get("id", "")[:200],
        biz_location=str(event.get(PLACE_NAME) or (event.get("bizLocation") or {}).get("id", ""))
        [:200],
        epcs=[value for _part, value in item.identifiers], batch=item.batch,
        external=item.external, document=body, recorded_by=actor)
    EpcIndex.objects.bulk_create([EpcIndex(event=stored, epc=canonical(value)[:300], part=part)
                                  for part, value in dict.fromkeys(item.identifiers)])
    return stored


def capture(document, actor=None) -> CaptureJob:
    """Store an EPCISDocument's master data and events, all or nothing; the job says what was
    stored. `actor` None is the system (the demo loader)."""
    decision = can_capture_epcis(actor)
    if not decision:
        raise CaptureError(403, "SecurityException", decision.reason)
    issues = schema.check(document)
    if not issues and document.get("type") != "EPCISDocument":
        issues = [Issue(pointer("type"), _("capture nhận một EPCISDocument."))]
    if issues:
        raise CaptureError(400, "ValidationException", _(
            "Tài liệu không đúng EPCIS 2.0 / CBV 2.0: không nhận gì."), issues)
    with transaction.atomic():
        _lock()
        vocabulary_errors, elements = masterdata.import_vocabulary(document, actor)
        issues = [Issue(pointer("epcisHeader", "epcisMasterData"), e) for e in vocabulary_errors]
        prepared, duplicates, event_issues = _prepare(document, actor)
        issues += event_issues
        if issues:
            raise CaptureError(400, "ValidationException", _(
                "Tài liệu có lỗi: không nhận gì."), issues)
        context = _extra_context(document)
        job = CaptureJob.objects.create(
            submitted_by=actor if getattr(actor, "pk", None) else None, success=True,
            captured=len(prepared), duplicates=duplicates,
            external=sum(1 for p in prepared if p.external))
        per_product = defaultdict(list)
        for item in prepared:
            stored = _store(item, context, actor)
            for product in item.products:
                per_product[product].append(stored)
        for product, events in per_product.items():
            event_record(actor=actor, verb="trace_events_recorded", obj=product, after={
                "value": len(events), "lots": sorted({e.batch.lot for e in events if e.batch}),
                "capture": str(job.id)})
        event_record(actor=actor, verb="epcis_captured", obj=job, after={
            "events": job.captured, "duplicates": duplicates, "external": job.external,
            "master_data": elements})
    return job

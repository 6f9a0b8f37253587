"""EPCIS 2.0 in its JSON / JSON-LD binding: capture (all events of a document or none) and query
(GE_eventTime, LT_eventTime, EQ_bizStep, EQ_type, MATCH_epc, perPage, nextPageToken).

Business steps are CBV 2.0 terms; they are accepted bare (`packing`) or as URIs
(`https://ref.gs1.org/cbv/BizStep-packing`) and returned bare, as the JSON-LD context expects.
"""

import base64
import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from . import masterdata
from .choices import BIZ_STEPS, EventType
from .identifiers import LINK
from .models import Batch, CaptureJob, EpcIndex, TraceEvent
from .permissions import can_manage_product

CONTEXT = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld"
STEPS = {code for code, _label in BIZ_STEPS}
ACTIONS = {"ADD", "OBSERVE", "DELETE"}


class CaptureError(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def _step(value: str) -> str:
    return value.rsplit("BizStep-", 1)[-1].rsplit(":", 1)[-1] if value else ""


def _epcs(event: dict) -> list[str]:
    found = list(event.get("epcList", [])) + list(event.get("childEPCs", []))
    found += event.get("inputEPCList", []) + event.get("outputEPCList", [])
    if event.get("parentID"):
        found.append(event["parentID"])
    found += [q.get("epcClass", "") for q in event.get("quantityList", [])]
    return [e for e in found if isinstance(e, str) and e]


def _check(n: int, event: dict) -> list[str]:
    where = _("Sự kiện %(n)s") % {"n": n}
    errors = []
    if event.get("type") not in EventType.values:
        errors.append(_("%(w)s: loại “%(t)s” không được hỗ trợ (ObjectEvent, AggregationEvent, "
                        "TransformationEvent).") % {"w": where, "t": event.get("type")})
    when = parse_datetime(str(event.get("eventTime", "")))
    if when is None or when.tzinfo is None:
        errors.append(_("%(w)s: eventTime phải là thời điểm ISO 8601 có múi giờ.")
                      % {"w": where})
    if event.get("type") != EventType.TRANSFORMATION and event.get("action") not in ACTIONS:
        errors.append(_("%(w)s: action phải là ADD, OBSERVE hoặc DELETE.") % {"w": where})
    if event.get("bizStep") and _step(event["bizStep"]) not in STEPS:
        errors.append(_("%(w)s: bizStep “%(s)s” không thuộc danh mục CBV được dùng.")
                      % {"w": where, "s": event["bizStep"]})
    if not _epcs(event):
        errors.append(_("%(w)s: thiếu mã đối tượng (epcList, parentID/childEPCs, "
                        "inputEPCList/outputEPCList hoặc quantityList).") % {"w": where})
    if event.get("type") == EventType.AGGREGATION and not event.get("parentID"):
        errors.append(_("%(w)s: AggregationEvent cần parentID.") % {"w": where})
    return errors


def _known_ids(events: list[dict]) -> list[str]:
    """An eventID names one event: captured twice, it is refused rather than stored twice."""
    ids = [e.get("eventID") for e in events if e.get("eventID")]
    known = set(TraceEvent.objects.filter(event_id__in=ids).values_list("event_id", flat=True))
    return [_("Sự kiện %(n)s: eventID %(id)s đã được ghi nhận trước đó.") % {"n": n, "id": i}
            for n, i in enumerate((e.get("eventID") for e in events), start=1)
            if i and (i in known or ids.count(i) > 1)]


def _batch_for(epcs: list[str]) -> Batch | None:
    for epc in epcs:
        match = LINK.search(epc)
        if match and match.group(2):
            batch = Batch.objects.filter(product__gtin=match.group(1), lot=match.group(2)).first()
            if batch:
                return batch
    return None


@transaction.atomic
def capture(document: dict, actor=None) -> CaptureJob:
    """Store the master data (products, lots) and every event of an EPCISDocument, or nothing;
    the job says which."""
    errors = []
    if not isinstance(document, dict) or document.get("type") != "EPCISDocument":
        errors.append(_("Tài liệu phải có type “EPCISDocument”."))
        events = []
    else:
        vocabulary_errors, elements = masterdata.import_vocabulary(document, actor)
        errors += vocabulary_errors
        events = (document.get("epcisBody") or {}).get("eventList", [])
        if not isinstance(events, list) or not (events or elements or vocabulary_errors):
            errors.append(_("epcisBody.eventList phải là danh sách có ít nhất một sự kiện."))
            events = []
    for n, event in enumerate(events, start=1):
        errors += _check(n, event) if isinstance(event, dict) else [
            _("Sự kiện %(n)s không phải là đối tượng JSON.") % {"n": n}]
    errors += _known_ids(events) if not errors else []
    batches = [_batch_for(_epcs(event)) for event in events] if not errors else []
    for n, batch in enumerate(batches, start=1):
        if batch is not None and actor is not None and not can_manage_product(actor,
                                                                               batch.product):
            errors.append(_("Sự kiện %(n)s: bạn không được ghi sự kiện cho lô %(l)s.")
                          % {"n": n, "l": batch.lot})
    if errors:
        raise CaptureError(errors)
    for event, batch in zip(events, batches, strict=True):
        epcs = _epcs(event)
        stored = TraceEvent.objects.create(
            event_id=event.get("eventID", ""), type=event["type"], action=event.get("action", ""),
            event_time=parse_datetime(event["eventTime"]),
            event_time_zone_offset=event.get("eventTimeZoneOffset", "+07:00"),
            biz_step=_step(event.get("bizStep", "")), disposition=event.get("disposition", ""),
            read_point=(event.get("readPoint") or {}).get("id", ""),
            biz_location=(event.get("bizLocation") or {}).get("id", ""), epcs=epcs,
            batch=batch, document=event, recorded_by=actor)
        EpcIndex.objects.bulk_create([EpcIndex(event=stored, epc=e) for e in set(epcs)])
    return CaptureJob.objects.create(success=True, captured=len(events))


def as_jsonld(event: TraceEvent) -> dict:
    body = dict(event.document)
    body.update({"eventID": event.event_id, "type": event.type,
                 "eventTime": event.event_time.isoformat(),
                 "eventTimeZoneOffset": event.event_time_zone_offset})
    if event.biz_step:
        body["bizStep"] = event.biz_step
    return body


def _token(offset: int) -> str:
    return base64.urlsafe_b64encode(str(offset).encode()).decode()


def _offset(token: str) -> int:
    try:
        return int(base64.urlsafe_b64decode(token.encode()).decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise CaptureError([_("nextPageToken không hợp lệ.")]) from exc


def visible_events(user, products):
    """The events of `products`' lots, and those the user's unit recorded outside any lot."""
    return TraceEvent.objects.filter(Q(batch__product__in=products)
                                     | Q(batch__isnull=True, recorded_by__unit=user.unit_id))


def export(user, products) -> dict:
    """Products, their lots (master data) and the lots' events, as one EPCISDocument."""
    events = visible_events(user, products).filter(batch__isnull=False).order_by("event_time")
    return {"@context": [CONTEXT, masterdata.CONTEXT_EXTRA], "type": "EPCISDocument",
            "schemaVersion": "2.0", "creationDate": dt.datetime.now(dt.UTC).isoformat(),
            "epcisHeader": {"epcisMasterData": {"vocabularyList": masterdata.vocabulary(
                products)}},
            "epcisBody": {"eventList": [as_jsonld(e) for e in events]}}


def query(params: dict, user, products) -> tuple[dict, str | None]:
    """Events the user may see matching the EPCIS query parameters, as an EPCISQueryDocument,
    and the next page's token (None on the last page)."""
    events = visible_events(user, products).order_by("event_time", "id")
    for key, lookup in (("GE_eventTime", "event_time__gte"), ("LT_eventTime", "event_time__lt")):
        if params.get(key):
            when = parse_datetime(params[key])
            if when is None:
                raise CaptureError([_("%(k)s phải là thời điểm ISO 8601.") % {"k": key}])
            events = events.filter(**{lookup: when})
    if params.get("EQ_bizStep"):
        events = events.filter(biz_step__in=[_step(s) for s in params["EQ_bizStep"].split("|")])
    if params.get("EQ_type"):
        events = events.filter(type__in=params["EQ_type"].split("|"))
    if params.get("MATCH_epc"):
        events = events.filter(epc_index__epc__in=params["MATCH_epc"].split("|")).distinct()
    per_page = min(int(params.get("perPage") or 30), 500)
    offset = _offset(params["nextPageToken"]) if params.get("nextPageToken") else 0
    page = list(events[offset:offset + per_page + 1])
    following = _token(offset + per_page) if len(page) > per_page else None
    document = {"@context": [CONTEXT], "type": "EPCISQueryDocument", "schemaVersion": "2.0",
                "creationDate": dt.datetime.now(dt.UTC).isoformat(),
                "epcisBody": {"queryResults": {"queryName": "SimpleEventQuery", "resultsBody": {
                    "eventList": [as_jsonld(e) for e in page[:per_page]]}}}}
    return document, following

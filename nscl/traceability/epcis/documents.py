"""EPCIS documents NSCL writes: an event as JSON-LD, the events a user may see, and the
exchange document (products, lots and their events)."""

import datetime as dt

from django.db.models import Q

from nscl.organisation.scope import units_for

from .. import masterdata
from ..models import TraceEvent

CONTEXT = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld"
VERSION_HEADERS = {"GS1-EPCIS-Version": "2.0.0", "GS1-CBV-Version": "2.0.0"}


def as_jsonld(event: TraceEvent) -> dict:
    """The event as it was sent, with the repository's eventID and recordTime."""
    body = dict(event.document)
    body.update({"eventID": event.event_id, "type": event.type,
                 "eventTime": body.get("eventTime") or event.event_time.isoformat(),
                 "eventTimeZoneOffset": event.event_time_zone_offset,
                 "recordTime": event.record_time.isoformat()})
    if event.biz_step and "bizStep" not in body:
        body["bizStep"] = event.biz_step
    return body


def visible_events(user, products):
    """The events of `products`' lots, and the events recorded outside any lot (the sender's
    data, or a lot not declared yet) by users within the user's scope."""
    outside = Q(batch__isnull=True, recorded_by__unit__in=units_for(user))
    return TraceEvent.objects.filter(Q(batch__product__in=products) | outside)


def export(user, products) -> dict:
    """Products, their lots (master data) and the lots' events, as one EPCISDocument."""
    events = visible_events(user, products).filter(batch__isnull=False).order_by("event_time")
    return {"@context": [CONTEXT, masterdata.CONTEXT_EXTRA], "type": "EPCISDocument",
            "schemaVersion": "2.0", "creationDate": dt.datetime.now(dt.UTC).isoformat(),
            "epcisHeader": {"epcisMasterData": {"vocabularyList": masterdata.vocabulary(
                products)}},
            "epcisBody": {"eventList": [as_jsonld(e) for e in events]}}


def stage_document(*, lot_uri: str, step: str, when: str, place: str) -> dict:
    """One stage of a lot as an EPCISDocument, as a producer records it on the phone form (and
    the demo): the place in words as `nscl:placeName`, since a business location's id must be
    a URI."""
    event = {"type": "ObjectEvent", "action": "OBSERVE", "eventTime": when,
             "eventTimeZoneOffset": when[-6:] if when[-6] in "+-" else "+07:00",
             "epcList": [lot_uri]}
    if step:
        event["bizStep"] = step
    if place:
        event["nscl:placeName"] = place
    return {"@context": [CONTEXT, {"nscl": masterdata.NSCL}], "type": "EPCISDocument",
            "schemaVersion": "2.0", "creationDate": dt.datetime.now(dt.UTC).isoformat(),
            "epcisBody": {"eventList": [event]}}

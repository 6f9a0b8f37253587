"""EPCIS 2.0 queries over the REST binding (`GET /events`): the standard's SimpleEventQuery
parameters, paged with an opaque `nextPageToken`. An unknown parameter or a malformed value is
a `QueryParameterException` naming it, never a server error."""

import datetime as dt

from django.utils.translation import gettext as _

from ..models import TraceEvent
from .capture import _term
from .documents import CONTEXT, as_jsonld, visible_events
from .epcs import canonical
from .problems import Issue, Problem
from .times import moment

MAX_PER_PAGE = 500
TIMES = {"GE_eventTime": "event_time__gte", "LT_eventTime": "event_time__lt",
         "GE_recordTime": "record_time__gte", "LT_recordTime": "record_time__lt"}
EQUALS = {"EQ_action": "action", "EQ_readPoint": "read_point", "EQ_bizLocation": "biz_location",
          "EQ_eventID": "event_id"}
MATCHES = {  # parameter → the parts of an event an identifier is matched in
    "MATCH_epc": ("epc", "child"), "MATCH_parentID": ("parent",),
    "MATCH_inputEPC": ("input",), "MATCH_outputEPC": ("output",),
    "MATCH_anyEPC": ("epc", "child", "parent", "input", "output"),
    "MATCH_epcClass": ("quantity", "child_qty"), "MATCH_inputEPCClass": ("input_qty",),
    "MATCH_outputEPCClass": ("output_qty",),
    "MATCH_anyEPCClass": ("quantity", "child_qty", "input_qty", "output_qty"),
}
ORDERS = {"eventTime": "event_time", "recordTime": "record_time"}
KNOWN = {*TIMES, *EQUALS, *MATCHES, "eventType", "EQ_type", "EQ_bizStep", "EQ_disposition",
         "orderBy", "orderDirection", "perPage", "nextPageToken", "format"}


def _refuse(name: str, message: str) -> Problem:
    return Problem(400, "QueryParameterException", _("Tham số %(p)s không hợp lệ.") % {"p": name},
                   [Issue(name, message)])


def _time(name: str, value: str) -> dt.datetime:
    when = moment(value.replace(" ", "+"))  # a '+' of a query string may arrive as a space
    if when is None:
        raise _refuse(name, _("phải là thời điểm ISO 8601 có múi giờ, ví dụ "
                              "2025-10-01T00:00:00+07:00."))
    return when


def _token(offset: int) -> str:
    """The next page's token: the offset of its first event (opaque to clients: they follow
    the `Link` header)."""
    return str(offset)


def _offset(token: str) -> int:
    if not (token.isascii() and token.isdigit() and len(token) <= 9):
        raise _refuse("nextPageToken", _("mã trang không hợp lệ."))
    return int(token)


def _per_page(value: str | None) -> int:
    if value in (None, ""):
        return 30
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_PER_PAGE:
        raise _refuse("perPage", _("phải là số nguyên từ 1 đến %(m)s.") % {"m": MAX_PER_PAGE})
    return int(value)


def _values(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


def query(params, user, products) -> tuple[dict, str | None]:
    """Events the user may see matching `params`, as an EPCISQueryDocument, and the next
    page's token (None on the last page)."""
    for name in params:
        if name not in KNOWN:
            raise _refuse(name, _("tham số không có trong truy vấn SimpleEventQuery của "
                                  "EPCIS 2.0."))
    events = visible_events(user, products)
    for name, lookup in TIMES.items():
        if params.get(name):
            events = events.filter(**{lookup: _time(name, params[name])})
    for name, field in EQUALS.items():
        if params.get(name):
            events = events.filter(**{f"{field}__in": _values(params[name])})
    kinds = params.get("eventType") or params.get("EQ_type")
    if kinds:
        events = events.filter(type__in=_values(kinds))
    if params.get("EQ_bizStep"):
        events = events.filter(biz_step__in=[_term(s) for s in _values(params["EQ_bizStep"])])
    if params.get("EQ_disposition"):
        events = events.filter(disposition__in=[_term(s) for s in
                                                _values(params["EQ_disposition"])])
    for name, parts in MATCHES.items():
        if params.get(name):
            wanted = [canonical(v)[:300] for v in _values(params[name])]
            events = events.filter(pk__in=TraceEvent.objects.filter(
                epc_index__epc__in=wanted, epc_index__part__in=parts).values("pk"))
    order = params.get("orderBy") or "eventTime"
    if order not in ORDERS:
        raise _refuse("orderBy", _("chỉ nhận eventTime hoặc recordTime."))
    direction = params.get("orderDirection") or "ASC"
    if direction not in ("ASC", "DESC"):
        raise _refuse("orderDirection", _("chỉ nhận ASC hoặc DESC."))
    sign = "-" if direction == "DESC" else ""
    events = events.order_by(f"{sign}{ORDERS[order]}", f"{sign}id")
    per_page = _per_page(params.get("perPage"))
    offset = _offset(params["nextPageToken"]) if params.get("nextPageToken") else 0
    page = list(events[offset:offset + per_page + 1])
    following = _token(offset + per_page) if len(page) > per_page else None
    contexts = [CONTEXT]
    for event in page[:per_page]:
        for entry in event.document.get("@context", []) if isinstance(
                event.document.get("@context"), list) else []:
            if isinstance(entry, dict) and entry not in contexts:
                contexts.append(entry)
    document = {"@context": contexts, "type": "EPCISQueryDocument", "schemaVersion": "2.0",
                "creationDate": dt.datetime.now(dt.UTC).isoformat(),
                "epcisBody": {"queryResults": {"queryName": "SimpleEventQuery", "resultsBody": {
                    "eventList": [as_jsonld(e) for e in page[:per_page]]}}}}
    return document, following

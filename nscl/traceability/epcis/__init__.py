"""EPCIS 2.0 / CBV 2.0 in the JSON-LD binding: capture (`capture`), query over the REST binding
(`query`), the exchange document (`documents`), the schema and CBV checks (`schema`), the CBV
2.0 event hash (`hashing`), identifiers in every form (`epcs`) and problem details
(`problems`)."""

from .capture import CaptureError, capture
from .documents import (
    CONTEXT,
    VERSION_HEADERS,
    as_jsonld,
    export,
    stage_document,
    visible_events,
)
from .problems import Problem
from .query import query

__all__ = ["CONTEXT", "VERSION_HEADERS", "CaptureError", "Problem", "as_jsonld", "capture",
           "export", "query", "stage_document", "visible_events"]

"""Times in EPCIS documents and queries."""

import datetime as dt


def moment(value: object) -> dt.datetime | None:
    """An ISO 8601 time with its offset, in UTC; None when it is not one.

    In UTC because the schema lets an offset run to ±23:59 and PostgreSQL stores only up to
    ±15:59 (a time sent with +22:36 was a 500 there, and aborted the transaction); the instant
    is the same. A time that leaves the calendar when moved to UTC (year 1 minus an offset) is
    no time either."""
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed.astimezone(dt.UTC) if parsed.tzinfo is not None else None
    except (TypeError, ValueError, OverflowError):
        return None

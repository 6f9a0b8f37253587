"""Writing the domain-event log. Services call `event_record` inside their transaction."""

from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.forms.models import model_to_dict

from . import verbs
from .models import DomainEvent

_encoder = DjangoJSONEncoder()


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe dict of the instance's concrete fields (Decimals and dates as text)."""
    data = model_to_dict(instance, fields=fields)
    return {k: _jsonable(v) for k, v in data.items() if k != "search_key"}


def _jsonable(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, File):  # an upload or a stored file: its name
        return value.name or ""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # "80", not the column's "80.000"
    return _encoder.default(value)


def event_record(*, actor, verb: str, obj: models.Model, before: dict | None = None,
                 after: dict | None = None, note: str = "",
                 context: models.Model | None = None) -> DomainEvent:
    """Append one event for `obj` (the record changed); `context` is the larger record whose
    history shows it too (a budget line's plan). `actor` may be None for system jobs."""
    if not verbs.is_registered(verb):
        raise ValueError(f"Unregistered event verb {verb!r}: declare it in the app's events.py")
    return DomainEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        context_type=ContentType.objects.get_for_model(context) if context is not None else None,
        context_id=str(context.pk) if context is not None else "",
        before=_jsonable(before),
        after=_jsonable(after),
        note=note,
    )

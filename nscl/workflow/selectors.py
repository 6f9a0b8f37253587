"""Reading the domain-event log within the reader's scope.

A history line is visible when the record it changed is visible: the events of a plan's
history (the plan's own and those of the records in its context) are grouped by the kind of
record they changed and kept only where `restrict` keeps that record — so a commune never
reads another commune's events, costs or attendance in a plan's history.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from nscl.organisation.scope import restrict, scope_of

from .models import DomainEvent


def events_about(obj: Model) -> QuerySet[DomainEvent]:
    """Every event recorded against `obj` or in its context, newest first (not yet scoped)."""
    kind, pk = ContentType.objects.get_for_model(obj), str(obj.pk)
    return (DomainEvent.objects
            .filter(Q(content_type=kind, object_id=pk) | Q(context_type=kind, context_id=pk))
            .select_related("actor", "content_type"))


def visible_events(user, events: QuerySet[DomainEvent], limit: int = 300) -> list[DomainEvent]:
    """The newest `limit` events whose records `user` may see (one query per kind of record)."""
    rows = list(events[: limit * 3])
    ids: dict[int, set[str]] = defaultdict(set)
    for event in rows:
        ids[event.content_type_id].add(event.object_id)
    allowed: dict[int, set[str]] = {}
    for type_id, object_ids in ids.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None or getattr(model, "scope", None) is None:
            allowed[type_id] = set()
            continue
        scope_of(model)
        keys = [int(i) for i in object_ids if i.isdigit()] if _int_pk(model) else list(object_ids)
        seen = restrict(model._base_manager.filter(pk__in=keys), user).values_list("pk", flat=True)
        allowed[type_id] = {str(pk) for pk in seen}
    return [e for e in rows if e.object_id in allowed[e.content_type_id]][:limit]


def _int_pk(model) -> bool:
    return model._meta.pk.get_internal_type() in {"AutoField", "BigAutoField", "IntegerField"}

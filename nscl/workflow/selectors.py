"""Reading the domain-event log within the reader's scope.

A history line is visible when the record it changed is visible: the events of a plan's
history (the plan's own and those of the records in its context) are grouped by the kind of
record they changed and kept only where `restrict` keeps that record — so a commune never
reads another commune's events, costs or attendance in a plan's history.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast

from nscl.organisation.scope import restrict, scope_of

from .models import DomainEvent


def events_about(obj: Model) -> QuerySet[DomainEvent]:
    """Every event recorded against `obj` or in its context, newest first (not yet scoped)."""
    kind, pk = ContentType.objects.get_for_model(obj), str(obj.pk)
    return (DomainEvent.objects
            .filter(Q(content_type=kind, object_id=pk) | Q(context_type=kind, context_id=pk))
            .select_related("actor", "content_type"))


def visible_queryset(user, events: QuerySet[DomainEvent]) -> QuerySet[DomainEvent]:
    """`events` kept where `restrict` keeps the record each changed, as one query (a
    condition per kind of record, its visible keys a subquery) — pageable, nothing cut."""
    condition = Q(pk__in=[])
    types = events.order_by().values_list("content_type_id", flat=True).distinct()
    for type_id in sorted(set(types)):
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None or getattr(model, "scope", None) is None:
            continue
        scope_of(model)
        keys = restrict(model._base_manager.all(), user).order_by().annotate(
            event_key=Cast("pk", CharField())).values("event_key")
        condition |= Q(content_type_id=type_id, object_id__in=keys)
    return events.filter(condition)


def visible_events(user, events: QuerySet[DomainEvent], limit: int | None = None
                   ) -> list[DomainEvent]:
    """The events whose records `user` may see, newest first (all of them unless `limit`)."""
    rows = visible_queryset(user, events)
    return list(rows if limit is None else rows[:limit])


def _int_pk(model) -> bool:
    return model._meta.pk.get_internal_type() in {"AutoField", "BigAutoField", "IntegerField"}

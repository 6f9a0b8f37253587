"""Diacritic-insensitive filtering over `search_key` columns."""

from django.db.models import QuerySet

from .text import search_key


def search(queryset: QuerySet, query: str | None, key: str = "search_key") -> QuerySet:
    """Every word of the query must appear in the row's search key (or a related row's:
    `key="participant__search_key"`), in any order."""
    for word in search_key(query or "").split():
        queryset = queryset.filter(**{f"{key}__contains": word})
    return queryset

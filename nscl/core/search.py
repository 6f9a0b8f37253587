"""Diacritic-insensitive filtering over `search_key` columns."""

from django.db.models import QuerySet

from .text import search_key


def search(queryset: QuerySet, query: str | None) -> QuerySet:
    """Every word of the query must appear in the row's search key, in any order."""
    for word in search_key(query or "").split():
        queryset = queryset.filter(search_key__contains=word)
    return queryset

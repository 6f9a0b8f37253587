"""Search that ignores Vietnamese diacritics: "quang ngai" finds "Quảng Ngãi".

SQLite folds ASCII only and `unaccent()` cannot be indexed, so every searchable model keeps a
`search_key` column written from this one function, and queries fold the user's words the same way.
"""

import unicodedata


def search_key(*parts: str | None) -> str:
    """Fold to lower-case ASCII: NFD, drop combining marks, đ → d, collapse spaces."""
    text = " ".join(p for p in parts if p)
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def in_vietnamese(function):
    """Run `function` with Vietnamese active, whatever language the person's pages are in: an
    official document (a report, its Excel, a form to fill) is written in Vietnamese. A fresh
    `override` each call, so concurrent requests do not share its saved language."""
    import functools

    from django.utils.translation import override

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with override("vi"):
            return function(*args, **kwargs)
    return wrapper

"""Search that ignores Vietnamese diacritics: "quang ngai" finds "Quảng Ngãi".

SQLite folds ASCII only and `unaccent()` cannot be indexed, so every searchable model keeps a
`search_key` column written from this one function, and queries fold the user's words the same way.
"""

import re
import unicodedata

# C0 controls but tab, line feed and carriage return; DEL; C1 controls. XML 1.0 (the .xlsx and
# .docx formats) cannot carry most of them: openpyxl and python-docx refuse such text outright.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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


def strip_controls(text: str) -> str:
    """`text` without control characters (tab and line breaks kept): the one rule, applied to
    what people send (`middleware.ControlCharactersMiddleware`, `api.parsers`) and again to
    what documents write (.xlsx cells, Word paragraphs), for text stored before."""
    return CONTROL_CHARACTERS.sub("", text) if text else text


def strip_controls_in(data):
    """`data` parsed from JSON with `strip_controls` applied to every string in it, keys too
    (walked without recursion: a deeply nested document cannot exhaust the stack here)."""
    if isinstance(data, str):
        return strip_controls(data)
    if not isinstance(data, dict | list):
        return data
    root = [data]
    pending = [(root, 0)]
    while pending:
        holder, key = pending.pop()
        value = holder[key]
        if isinstance(value, str):
            holder[key] = strip_controls(value)
        elif isinstance(value, list):
            pending.extend((value, n) for n in range(len(value)))
        elif isinstance(value, dict):
            for name in [k for k in value if isinstance(k, str) and CONTROL_CHARACTERS.search(k)]:
                value[strip_controls(name)] = value.pop(name)
            pending.extend((value, k) for k in value)
    return root[0]

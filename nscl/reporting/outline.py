"""The outline of a report (đề cương): the request's list of parts and sections, numbered when a
document is written — Roman numerals for parts, Arabic for sections, 1.1 for subsections (Decree
30/2020, Appendix I) — so a section dropped from a request renumbers the rest, and a heading with
nothing under it is left out of the document.

An outline is data: `[{"key", "title", "level": 0|1|2, "form": bool}]`, seed 001's by default
(`choices.DEFAULT_OUTLINE`), edited per request as one line per section: `I. TITLE`, `1. Title`,
`1.1. Title`, optionally followed by `[key]`; `[bang]` marks where the quantitative form goes.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from nscl.core.text import search_key

from .choices import DEFAULT_OUTLINE

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
_LINE = re.compile(r"^\s*(?:(?P<roman>[IVXL]+)\.|(?P<num>\d+)\.(?:(?P<sub>\d+)\.?)?)\s*"
                   r"(?P<title>.+?)\s*(?:\[(?P<key>[a-z0-9_]+)\])?\s*$")
FORM_KEY = "bang"


@dataclass(frozen=True)
class Heading:
    key: str
    title: str
    level: int
    number: str
    form: bool = False

    @property
    def text(self) -> str:
        return f"{self.number} {self.title}"


def items(outline) -> list[dict]:
    return [dict(i) for i in (outline or DEFAULT_OUTLINE)]


def writable_keys(outline) -> list[str]:
    """The sections a writer fills (every one but the quantitative form's own place)."""
    return [i["key"] for i in items(outline) if not i.get("form")]


def numbered(outline, keep=None) -> list[Heading]:
    """The headings in order with their numbers; `keep(key)` False drops a heading (an empty
    one), and the numbers close up."""
    result, counters = [], [0, 0, 0]
    kept = [i for i in items(outline) if keep is None or keep(i["key"])]
    for item in kept:
        level = int(item.get("level", 0))
        counters[level] += 1
        for deeper in range(level + 1, 3):
            counters[deeper] = 0
        if level == 0:
            number = f"{ROMAN[counters[0] - 1]}."
        elif level == 1:
            number = f"{counters[1]}."
        else:
            number = f"{counters[1]}.{counters[2]}."
        result.append(Heading(item["key"], item["title"], level, number, bool(item.get("form"))))
    return result


def present(outline, has_text) -> list[Heading]:
    """The headings a document shows: those with text, a form with rows, or a section below
    them that has — never an empty heading."""
    flat = items(outline)
    alive = set()
    for n, item in enumerate(flat):
        if has_text(item["key"]):
            alive.add(item["key"])
            level = int(item.get("level", 0))
            for parent in reversed(flat[:n]):  # its parents stay, to carry it
                if int(parent.get("level", 0)) < level:
                    alive.add(parent["key"])
                    level = int(parent.get("level", 0))
    return numbered(outline, keep=lambda key: key in alive)


def as_text(outline) -> str:
    """The outline as the lines the request form edits."""
    lines = []
    for heading in numbered(outline):
        key = FORM_KEY if heading.form else heading.key
        lines.append(f"{'    ' * heading.level}{heading.number} {heading.title} [{key}]")
    return "\n".join(lines)


def _key_for(title: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", search_key(title)).strip("_")[:30] or "muc"
    key, n = base, 2
    while key in taken or key == FORM_KEY:
        key, n = f"{base}_{n}", n + 1
    return key


def parse(text: str) -> list[dict]:
    """Read the edited outline; every bad line is named, in Vietnamese."""
    result, errors, taken = [], [], set()
    last_level = -1
    for n, line in enumerate((x for x in text.splitlines() if x.strip()), start=1):
        match = _LINE.match(line)
        if not match:
            errors.append(_("Dòng %(n)s của đề cương: “%(l)s” phải bắt đầu bằng số mục như "
                            "“I.”, “1.” hoặc “1.1.”.") % {"n": n, "l": line.strip()[:60]})
            continue
        level = 0 if match["roman"] else (2 if match["sub"] else 1)
        if level > last_level + 1:
            errors.append(_("Dòng %(n)s của đề cương: mục “%(l)s” không có mục cha ở cấp trên.")
                          % {"n": n, "l": match["title"][:60]})
        last_level = level
        key = match["key"] or ""
        form = key == FORM_KEY
        if form:
            key = "quantitative"
        if not key or key in taken:
            key = _key_for(match["title"], taken)
        taken.add(key)
        item = {"key": key, "title": match["title"].strip(), "level": level}
        if form:
            item["form"] = True
        result.append(item)
    if not result and not errors:
        errors.append(_("Đề cương báo cáo chưa có mục nào."))
    if sum(1 for i in result if i.get("form")) > 1:
        errors.append(_("Đề cương chỉ có một chỗ đặt bảng số liệu [bang]."))
    if errors:
        raise ValidationError(errors)
    return result

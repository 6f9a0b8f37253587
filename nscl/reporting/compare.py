"""The Ministry's comparison of provinces: only reports of the same kind, frequency and period
side by side (a mid-term review is never set against an annual report), each from the figures
frozen in its latest sent version — exactly what the province sent. A table of provinces × key
figures (exportable to Excel) and a map of the 34 provinces shaded by one figure.

The map is a tile-grid cartogram, not a geographic map: one equal square per province in force
since 1/7/2025, placed roughly where it lies (north at the top, the coast on the right), so
small provinces are as visible as large ones and no external tiles or shapes are needed. A
report of a province dissolved in 2025 is shown on its successor's square, added to the others
of that square (counts and money add up; a share is averaged, and the map says so).
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from nscl.core.numbers import format_vn_number
from nscl.core.periods import period_label
from nscl.core.permissions import require
from nscl.core.xlsx import append_row
from nscl.dashboard.figures import KEYS, NO_DATA
from nscl.organisation.models import Unit
from nscl.organisation.names import unit_on

from . import selectors
from .choices import Frequency, RequestKind
from .permissions import can_compare_provinces

# province code → (column, row) on the tile grid; the 34 provinces and cities since 1/7/2025
GRID = {
    "12": (0, 0), "15": (1, 0), "08": (2, 0), "04": (3, 0),
    "11": (0, 1), "14": (1, 1), "19": (2, 1), "20": (3, 1),
    "25": (1, 2), "01": (2, 2), "24": (3, 2), "22": (4, 2),
    "37": (2, 3), "33": (3, 3), "31": (4, 3),
    "38": (2, 4), "40": (2, 5), "42": (3, 6), "44": (3, 7), "46": (3, 8), "48": (4, 9),
    "51": (4, 10), "52": (4, 11), "66": (4, 12), "68": (3, 13), "56": (4, 13),
    "80": (1, 14), "75": (2, 14), "79": (3, 14),
    "91": (0, 15), "82": (1, 15), "86": (2, 15),
    "96": (0, 16), "92": (1, 16),
}
SHADES = ["#dbe8f5", "#a9c8e8", "#6fa3d4", "#3a78b8", "#0b4f8f"]
EMPTY = "#eeeeee"
TILE_W, TILE_H, GAP = 78, 40, 4


@dataclass
class Entry:
    """One province's latest sent version of a report of the chosen kind and period."""

    version: object
    province: Unit  # as it reported (Sóc Trăng for 2024)
    current: Unit  # the province in force today (Cần Thơ)
    figures: dict

    def value(self, key: str) -> Decimal | None:
        raw = (self.figures.get(key) or {}).get("value")
        return None if raw is None else Decimal(raw)

    def text(self, key: str) -> str:
        value = self.value(key)
        if value is None:
            return str(NO_DATA)
        return format_vn_number(value, (self.figures.get(key) or {}).get("places"))


@dataclass
class Choice:
    key: str
    label: str
    entries: list[Entry] = field(default_factory=list)


def _key(figures: dict) -> str:
    return "|".join((figures["kind"], figures["frequency"], figures["period_from"],
                     figures["period_to"]))


def _label(figures: dict) -> str:
    kind = RequestKind(figures["kind"]).label
    period = period_label(figures["frequency"], dt.date.fromisoformat(figures["period_from"]),
                          dt.date.fromisoformat(figures["period_to"]))
    return f"{kind} {period} ({Frequency(figures['frequency']).label.lower()})"


def choices_for(user) -> list[Choice]:
    """Every kind-and-period the user's sent versions cover, the latest period first, each
    with one entry per report (its latest sent version)."""
    latest: dict[int, object] = {}
    for version in selectors.sent_versions(user).order_by("report_id", "number"):
        latest[version.report_id] = version
    groups: dict[str, Choice] = {}
    for version in latest.values():
        figures = version.figures or {}
        if "figures" not in figures:
            continue
        key = _key(figures)
        group = groups.setdefault(key, Choice(key, _label(figures)))
        province = unit_on(version.report.request.plan.province, version.date)
        current = unit_on(province, timezone.localdate())
        group.entries.append(Entry(version, province, current, figures["figures"]))
    for group in groups.values():
        group.entries.sort(key=lambda e: e.province.name)
    return sorted(groups.values(), key=lambda g: g.key.split("|")[2:], reverse=True)


def figure_labels(choice: Choice | None) -> list[tuple[str, str, str]]:
    """(key, label, unit) of the figures the chosen reports carry, in the standard order."""
    if choice is None or not choice.entries:
        return []
    sample = choice.entries[0].figures
    return [(k, sample[k]["label"], sample[k]["unit"]) for k in KEYS if k in sample]


def shading(choice: Choice, key: str) -> dict[str, tuple[Decimal | None, int]]:
    """Current province code → (value, number of reports behind it)."""
    sums: dict[str, list] = {}
    for entry in choice.entries:
        value = entry.value(key)
        slot = sums.setdefault(entry.current.code, [Decimal(0), 0, 0])
        slot[2] += 1
        if value is not None:
            slot[0] += value
            slot[1] += 1
    result = {}
    for code, (total, counted, reports) in sums.items():
        if counted == 0:
            result[code] = (None, reports)
        elif key == "tfp_share":
            result[code] = (total / counted, reports)
        else:
            result[code] = (total, reports)
    return result


def map_svg(choice: Choice, key: str, label: str) -> str:
    """The tile grid, each province shaded by its value in five equal bands of the range."""
    names = dict(Unit.objects.filter(code__in=GRID, valid_until__isnull=True)
                 .values_list("code", "name"))
    values = shading(choice, key)
    known = [v for v, _n in values.values() if v is not None]
    low, high = (min(known), max(known)) if known else (Decimal(0), Decimal(0))
    width = 5 * (TILE_W + GAP) + 150
    height = 17 * (TILE_H + GAP) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{escape(label)}" class="tilemap">']
    for code, (col, row) in GRID.items():
        value, reports = values.get(code, (None, 0))
        if value is None:
            colour = EMPTY
        else:
            band = 0 if high == low else min(int((value - low) / (high - low) * 5), 4)
            colour = SHADES[band]
        x, y = col * (TILE_W + GAP), row * (TILE_H + GAP)
        name = names.get(code, code)
        name = name.replace("Thành phố ", "TP ").replace("Tỉnh ", "")  # i18n: unit names
        shown = "—" if value is None else format_vn_number(value, 2 if key == "tfp_share"
                                                           else None)
        dark = value is not None and colour in SHADES[3:]
        tip = f"{name}: {shown}" + (_(" (%(n)s báo cáo)") % {"n": reports} if reports > 1 else "")
        parts.append(
            f'<g data-province="{code}" '
            f'data-value="{"" if value is None else format(value.normalize(), "f")}">'
            f'<title>{escape(tip)}</title>'
            f'<rect x="{x}" y="{y}" width="{TILE_W}" height="{TILE_H}" rx="4" '
            f'fill="{colour}" stroke="#fff"/>'
            f'<text x="{x + TILE_W / 2}" y="{y + 16}" text-anchor="middle" font-size="10" '
            f'fill="{"#fff" if dark else "#1d2733"}">{escape(name[:14])}</text>'
            f'<text x="{x + TILE_W / 2}" y="{y + 31}" text-anchor="middle" font-size="11" '
            f'font-weight="700" fill="{"#fff" if dark else "#1d2733"}">{escape(shown)}</text>'
            f'</g>')
    legend_x = 5 * (TILE_W + GAP) + 10
    lines = textwrap.wrap(label, 22)
    for n, line in enumerate(lines):
        parts.append(f'<text x="{legend_x}" y="{14 + n * 13}" font-size="11" '
                     f'font-weight="700">{escape(line)}</text>')
    top = 14 + len(lines) * 13
    bands = SHADES if known and high > low else (SHADES[:1] if known else [])
    for n, colour in enumerate(bands):
        lo = low + (high - low) * n / 5
        parts.append(f'<rect x="{legend_x}" y="{top + n * 20}" width="16" height="14" '
                     f'fill="{colour}"/><text x="{legend_x + 22}" y="{top + 11 + n * 20}" '
                     f'font-size="10">≥ {escape(format_vn_number(lo, 1))}</text>')
    n = len(bands)
    parts.append(f'<rect x="{legend_x}" y="{top + n * 20}" width="16" height="14" '
                 f'fill="{EMPTY}"/><text x="{legend_x + 22}" y="{top + 11 + n * 20}" '
                 f'font-size="10">{escape(_("chưa có số liệu"))}</text></svg>')
    return "".join(parts)


def compare_xlsx(choice: Choice, labels) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("So sánh các tỉnh")
    append_row(sheet, [choice.label])
    sheet["A1"].font = Font(bold=True, size=12)
    append_row(sheet, [_("Tỉnh, thành phố (khi báo cáo)"), _("Nay thuộc"), _("Số, ký hiệu"),
                       _("Phiên bản"), *[f"{label} ({unit})" for _k, label, unit in labels]])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.freeze_panes = "C3"
    for entry in choice.entries:
        row = [entry.province.name, entry.current.name, entry.version.reference,
               entry.version.number]
        for key, _label, _unit in labels:
            value = entry.value(key)
            row.append(value if value is not None else str(NO_DATA))
        append_row(sheet, row)
        for n, (key, _label, _unit) in enumerate(labels, start=5):
            cell = sheet.cell(row=sheet.max_row, column=n)
            if isinstance(cell.value, Decimal | int | float):
                cell.number_format = "#,##0.00" if key == "tfp_share" else "#,##0"
    for n, width in enumerate([26, 24, 18, 10] + [18] * len(labels), start=1):
        sheet.column_dimensions[sheet.cell(row=2, column=n).column_letter].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@login_required
def ministry_compare(request):
    require(can_compare_provinces(request.user))
    choices = choices_for(request.user)
    chosen = next((c for c in choices if c.key == request.GET.get("ky")),
                  choices[0] if choices else None)
    labels = figure_labels(chosen)
    keys = [k for k, _l, _u in labels]
    figure = request.GET.get("so_lieu") if request.GET.get("so_lieu") in keys else (
        keys[0] if keys else "")
    if chosen and request.GET.get("xuat") == "xlsx":
        response = HttpResponse(compare_xlsx(chosen, labels), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = 'attachment; filename="so-sanh-cac-tinh.xlsx"'
        return response
    label = next((f"{lb} ({u})" for k, lb, u in labels if k == figure), "")
    return render(request, "reporting/compare.html", {
        "choices": choices, "chosen": chosen, "labels": labels, "figure": figure,
        "table": [(e, [(k, e.text(k)) for k in keys]) for e in chosen.entries] if chosen else [],
        "map": mark_safe(map_svg(chosen, figure, label)) if chosen and figure else ""})

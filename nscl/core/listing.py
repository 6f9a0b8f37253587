"""Every list page the same way: a filter form (search that ignores diacritics, and selects for
year, state, commune and category where the list has them, each with its label) and pages
(Django's Paginator) whose links keep the filters. Nothing is cut silently: every row is on
some page, and the total is shown.

    filters = ListFilters(request.GET, statuses=CaseStatus.choices, communes=communes_of(user))
    listing = paginate(request, selectors.case_list(user, **filters.values()))
    render(…, {"filters": filters, "listing": listing})

and in the template `{% include "includes/filters.html" %}` … `{% for c in listing.rows %}` …
`{% include "includes/pagination.html" %}`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.paginator import Page, Paginator
from django.utils.translation import gettext_lazy as _

from .params import int_param

PAGE = "trang"
PER_PAGE = 50
NOT_KEPT = (PAGE, "xuat")  # the page number, and an export request
YEARS = [(y, y) for y in range(2021, 2031)]  # the programme's years (Decision 1322: 2021–2030)


@dataclass(frozen=True)
class Listing:
    page: Page
    keep: str  # the filters, url-encoded, for the page links
    pages: list  # page numbers around the current one, with "…" between the runs
    param: str = PAGE  # the page number's parameter

    @property
    def rows(self):
        return self.page.object_list

    @property
    def total(self) -> int:
        return self.page.paginator.count


def paginate(request, rows, per_page: int = PER_PAGE, param: str = PAGE) -> Listing:
    """The page of `rows` asked for by `?trang=` (the last one when past it, the first when it
    is not a number); `rows` must be ordered. A page with two lists names the second one's
    page parameter (`param`); each list's links keep the other's page."""
    paginator = Paginator(rows, per_page)
    page = paginator.get_page(int_param(request.GET, param, low=1) or 1)
    keep = request.GET.copy()
    for name in (param, *NOT_KEPT[1:]):
        keep.pop(name, None)
    pages = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return Listing(page=page, keep=keep.urlencode(), pages=pages, param=param)


class ListFilters(forms.Form):
    """The filters of one list: `q` always; `year`, `status`, `commune` and `category` when
    the list passes their choices (their parameter names, labels and "all" options may differ:
    `names`, `labels`, `empties`). Only the filters' values that are valid are applied; an
    unknown choice is ignored, never an error page."""

    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200,
                        widget=forms.TextInput(attrs={"type": "search"}))

    def __init__(self, data, *, years=None, statuses=None, communes=None, categories=None,
                 names=None, labels=None, empties=None, keep=(), placeholder=""):
        names = {"year": "year", "status": "status", "commune": "xa", "category": "category",
                 **(names or {})}
        labels = {"year": _("Năm"), "status": _("Trạng thái"), "commune": _("Xã, phường"),
                  "category": _("Nhóm"), **(labels or {})}
        empties = {"year": _("Mọi năm"), "status": _("Mọi trạng thái"),
                   "commune": _("Mọi xã, phường"), "category": _("Mọi nhóm"), **(empties or {})}
        super().__init__(data, auto_id="loc-%s")
        self.names, self.hidden = names, [(k, data.get(k)) for k in keep if data.get(k)]
        if placeholder:
            self.fields["q"].widget.attrs["placeholder"] = placeholder
        for key, choices in (("year", years), ("status", statuses), ("commune", communes),
                             ("category", categories)):
            if choices is None:
                continue
            choices = [(str(v), str(label)) for v, label in choices]
            self.fields[names[key]] = forms.ChoiceField(
                label=labels[key], required=False, choices=[("", empties[key]), *choices])
        self.is_valid()

    def value(self, key: str) -> str:
        """The filter's value as text ("" when absent or not one of its choices)."""
        name = self.names.get(key, key)
        return (getattr(self, "cleaned_data", {}) or {}).get(name) or ""

    def number(self, key: str) -> int | None:
        text = self.value(key)
        return int(text) if text.isdigit() else None

    def query(self) -> str:
        return self.value("q")

"""Property tests: a consistent appendix has no error; one changed amount yields exactly the
findings that this change breaks."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from nscl.budget.sheet import AppendixData, LineData
from nscl.budget.validation import ERROR, validate_appendix
from nscl.core.tests.hypothesis_counts import counted


@st.composite
def split(draw, total: int, parts: int) -> list[int]:
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]


@st.composite
def appendices(draw) -> AppendixData:
    start = draw(st.integers(2021, 2026))
    years = list(range(start, start + draw(st.integers(1, 5))))
    lines: list[LineData] = []

    def item(code: str) -> LineData:
        quantity, price = draw(st.integers(1, 40)), draw(st.integers(1, 300))
        total = quantity * price
        amounts = draw(split(total, len(years)))
        return LineData(code=code, content=f"Nội dung {code}", unit="Lượt",
                        quantity=Decimal(quantity), unit_price=Decimal(price),
                        total=Decimal(total),
                        years={y: Decimal(a) for y, a in zip(years, amounts, strict=True)})

    for top in range(1, draw(st.integers(1, 5)) + 1):
        n_children = draw(st.integers(0, 3))
        if not n_children:
            lines.append(item(str(top)))
            continue
        children = [item(f"{top}.{c}") for c in range(1, n_children + 1)]
        lines.append(_sum_line(str(top), children, years))
        lines += children
    top_lines = [line for line in lines if "." not in line.code]
    grand = _sum_line("", top_lines, years)
    grand.is_grand_total = True
    return AppendixData(code="Phụ lục I", title="DỰ TOÁN", years=years, lines=[*lines, grand])


def _sum_line(code: str, parts: list[LineData], years: list[int]) -> LineData:
    return LineData(code=code, content=f"Nhóm {code}", total=sum(p.total for p in parts),
                    years={y: sum(p.years[y] for p in parts) for y in years})


def _errors(appendix):
    return {(f.line, f.check, f.year) for f in validate_appendix(appendix) if f.severity == ERROR}


def _parent_check(appendix, line, year):
    if line.parent_code:
        return (line.parent_code, "children_total_year" if year else "children_total", year)
    return ("Tổng cộng", "grand_total_year" if year else "grand_total", year)


@settings(max_examples=60, deadline=None)
@given(appendices())
@counted("budget validator")
def test_a_consistent_appendix_has_no_error(appendix):
    assert _errors(appendix) == set()


@settings(max_examples=60, deadline=None)
@given(appendices(), st.data(), st.integers(1, 500).map(Decimal), st.booleans())
@counted("budget validator")
def test_changing_one_year_amount_breaks_exactly_its_sums(appendix, data, delta, down):
    items = [line for line in appendix.lines if line.quantity is not None]
    line = data.draw(st.sampled_from(items))
    year = data.draw(st.sampled_from(appendix.years))
    line.years[year] += -delta if down else delta
    assert _errors(appendix) == {(line.code, "years_sum", None),
                                 _parent_check(appendix, line, year)}


@settings(max_examples=60, deadline=None)
@given(appendices(), st.data(), st.integers(1, 500).map(Decimal))
@counted("budget validator")
def test_changing_one_total_breaks_product_years_and_parent(appendix, data, delta):
    items = [line for line in appendix.lines if line.quantity is not None]
    line = data.draw(st.sampled_from(items))
    line.total += delta
    assert _errors(appendix) == {(line.code, "quantity_times_price", None),
                                 (line.code, "years_sum", None),
                                 _parent_check(appendix, line, None)}

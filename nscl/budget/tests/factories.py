"""An appendix with item 5 (support) and its lines 5.1–5.4, planned for every year."""

from decimal import Decimal

from nscl.budget.models import Appendix, BudgetLine, BudgetLineYear


def appendix_with_support_lines(plan, first: int = 2021, last: int = 2025,
                                per_year: Decimal = Decimal(100)) -> Appendix:
    appendix = Appendix.objects.create(plan=plan, code="Phụ lục I", title="Dự toán",
                                       start_year=first, end_year=last)
    years = range(first, last + 1)
    parent = _line(appendix, "5", "Hỗ trợ doanh nghiệp", 1, per_year * 4, years, None)
    for n in range(1, 5):
        _line(appendix, f"5.{n}", f"Nhóm 5.{n}", n + 1, per_year, years, parent)
    return appendix


def _line(appendix, code, content, order, amount, years, parent) -> BudgetLine:
    line = BudgetLine.objects.create(appendix=appendix, code=code, content=content, order=order,
                                     parent=parent, total=amount * len(years))
    BudgetLineYear.objects.bulk_create(
        [BudgetLineYear(line=line, year=y, amount=amount) for y in years])
    return line

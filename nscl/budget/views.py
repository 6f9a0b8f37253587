"""Budget pages: the appendix tree with its findings, import (check first), export, line edits."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from nscl.budget.permissions import can_use_budget_check
from nscl.core.forms import add_refusal
from nscl.core.numbers import format_vn_number
from nscl.core.permissions import (
    require,
    requires,
)

from . import selectors, services
from .execution import execution_for_plan
from .forms import BudgetFileForm, BudgetLineForm
from .io import UnsupportedFile, read_budget_file
from .io.xlsx import write_xlsx
from .permissions import can_change_budget
from .services import published_amount
from .validation import SEVERITY_ORDER, check_document, has_errors


@login_required
def plan_budget(request, plan_pk):
    plan = selectors.budget_plan_get(request.user, plan_pk)
    appendices = list(selectors.appendices_of_plan(plan))
    result = selectors.plan_budget_check(plan, appendices)
    findings = sorted(result.findings,
                      key=lambda f: (f.appendix, SEVERITY_ORDER[f.severity], f.line))
    marks: dict[tuple[str, str], list] = defaultdict(list)
    for finding in findings:
        marks[(finding.appendix, finding.line)].append(finding)
    tables = []
    for a in appendices:
        published = {line.code if not line.is_grand_total else "": line
                     for line in selectors.appendix_data(a).lines}
        rows = []
        for line in a.lines.all():
            shown = published.get(line.code if not line.is_grand_total else "")
            mine = marks.get((a.code, line.label), [])
            rows.append({"line": line, "shown": shown,
                         "years": [shown.years.get(y) for y in a.years] if shown else [],
                         "findings": mine,
                         "severity": min((f.severity for f in mine), key=SEVERITY_ORDER.get,
                                         default="")})
        tables.append({"appendix": a, "rows": rows})
    execution = execution_for_plan(plan)
    for table in tables:
        table["execution"] = selectors.execution_rows(table["appendix"], execution)
    return render(request, "budget/plan_budget.html", {
        "plan": plan, "tables": tables, "findings": findings, "result": result,
        "errors": sum(f.severity == "error" for f in findings),
        "can_edit": can_change_budget(request.user, plan)})


def _read_upload(upload):
    try:
        return read_budget_file(upload.name, upload.read()), None
    except (UnsupportedFile, ValueError) as exc:
        return None, str(exc)


@login_required
def budget_import(request, plan_pk):
    plan = selectors.plan_for_budget_change(request.user, plan_pk)
    form = BudgetFileForm(request.POST or None, request.FILES or None)
    context = {"plan": plan, "form": form}
    if request.method == "POST" and form.is_valid():
        document, error = _read_upload(form.cleaned_data["file"])
        if error:
            form.add_error("file", error)
            return render(request, "budget/budget_import.html", context)
        result = check_document(document)
        context |= {"document": document, "result": result, "findings": result.findings,
                    "has_errors": has_errors(result.findings)}
        if "save" in request.POST:
            try:
                stored = services.budget_document_import(plan=plan, document=document,
                                                         actor=request.user)
            except services.BudgetImportError as exc:
                context["import_issues"] = exc.issues
                return render(request, "budget/budget_import.html", context, status=422)
            messages.success(request, _("Đã nhập %(n)s phụ lục từ “%(f)s”.")
                             % {"n": len(stored), "f": document.source})
            return redirect("budget:plan_budget", plan_pk=plan.pk)
    return render(request, "budget/budget_import.html", context)


@login_required
@requires(can_use_budget_check)
def budget_check(request):
    """Check any appendix file without storing it: the quickest way to find a table's errors."""
    form = BudgetFileForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        document, error = _read_upload(form.cleaned_data["file"])
        if error:
            form.add_error("file", error)
        else:
            result = check_document(document)
            context |= {"document": document, "result": result, "findings": result.findings}
    return render(request, "budget/budget_check.html", context)


@login_required
def budget_export(request, plan_pk):
    plan = selectors.budget_plan_get(request.user, plan_pk)
    data = [selectors.appendix_data(a) for a in selectors.appendices_of_plan(plan)]
    response = HttpResponse(write_xlsx(data), content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="du-toan-ke-hoach-{plan.pk}.xlsx"'
    return response


@login_required
def line_edit(request, pk):
    line = selectors.line_get(request.user, pk)
    plan = line.appendix.plan
    require(can_change_budget(request.user, plan))
    years = line.appendix.years
    unit = line.appendix.money_unit
    amounts = {y.year: published_amount(y.amount, unit) for y in line.year_amounts.all()}
    initial = {"content": line.content, "measure_unit": line.measure_unit,
               "quantity": format_vn_number(line.quantity),
               "unit_price": format_vn_number(published_amount(line.unit_price, unit)),
               "total": format_vn_number(published_amount(line.total, unit))}
    initial |= {f"year_{y}": format_vn_number(amounts.get(y)) for y in years}
    form = BudgetLineForm(request.POST or None, initial=initial, years=years, money_unit=unit)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in
                  ("content", "measure_unit", "quantity", "unit_price", "total")}
        try:
            services.budget_line_update(line=line, actor=request.user, fields=fields,
                                        years=form.year_values())
        except ValidationError as exc:  # the form again, every value typed kept
            add_refusal(form, exc)
        else:
            messages.success(request, _("Đã sửa dòng %(c)s.") % {"c": line.label})
            url = reverse("budget:plan_budget", kwargs={"plan_pk": plan.pk})
            return redirect(f"{url}#dong-{line.pk}")
    return render(request, "budget/line_edit.html", {"line": line, "plan": plan, "form": form})

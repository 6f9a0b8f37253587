"""Registry pages: the list (search, .xlsx export), one new beneficiary, the .xlsx import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.listing import ListFilters, paginate
from nscl.core.permissions import requires
from nscl.core.search import search
from nscl.enterprises.permissions import can_use_registry
from nscl.jobs.imports import import_inline, import_start
from nscl.organisation.scope import communes_for, office_province

from . import forms
from .choices import BeneficiaryKind
from .selectors import beneficiaries_for
from .services import RegistryImportError, beneficiary_create, registry_export, registry_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@requires(can_use_registry)
def beneficiary_list(request):
    filters = ListFilters(request.GET, categories=BeneficiaryKind.choices,
                          communes=communes_for(request.user), names={"category": "loai"},
                          labels={"category": _("Loại hình")},
                          placeholder=_("Tên, mã số thuế — không cần dấu"))
    found = search(beneficiaries_for(request.user), filters.query()).order_by("name", "pk")
    if filters.value("category"):
        found = found.filter(kind=filters.value("category"))
    if filters.number("commune") is not None:
        found = found.filter(commune_id=filters.number("commune"))
    if request.GET.get("xuat") == "xlsx":
        response = HttpResponse(registry_export(found), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="doi-tuong-thu-huong.xlsx"'
        return response
    return render(request, "enterprises/beneficiary_list.html", {
        "listing": paginate(request, found), "filters": filters,
        "can_add": office_province(request.user) is not None,
        "import_form": forms.ImportForm()})


def _province_or_403(user):
    province = office_province(user)
    if province is None:
        raise PermissionDenied(_("Chỉ cơ quan điều hành Chương trình của tỉnh được thêm đối "
                                 "tượng thụ hưởng."))
    return province


@login_required
def beneficiary_new(request):
    province = _province_or_403(request.user)
    form = forms.BeneficiaryForm(request.POST or None, province=province)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v is not None}
        try:
            beneficiary = beneficiary_create(actor=request.user, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã thêm %(n)s.") % {"n": beneficiary.name})
            return redirect("enterprises:beneficiary_list")
    return render(request, "enterprises/beneficiary_new.html", {"form": form})


@login_required
@require_POST
def beneficiary_import(request):
    province = _province_or_403(request.user)
    form = forms.ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("enterprises:beneficiary_list")
    upload = form.cleaned_data["file"]
    if not import_inline(upload.size):  # a big file: a worker imports it, the page follows
        job = import_start(kind="registry_import", content=upload.read(),
                           scope=f"province:{province.pk}", actor=request.user,
                           params={"province": province.pk})
        return redirect("jobs:job_detail", pk=job.pk)
    try:
        created = registry_import(content=upload.read(), province=province,
                                  actor=request.user)
    except RegistryImportError as exc:
        return render(request, "enterprises/import_errors.html", {"errors": exc.errors},
                      status=422)
    messages.success(request, _("Đã nhập %(n)s đối tượng.") % {"n": len(created)})
    return redirect("enterprises:beneficiary_list")

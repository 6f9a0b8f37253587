"""A case's documents: added at a step of the case, opened only through the scope layer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.downloads import private_file

from . import forms, selectors
from .services.documents import document_attach


@login_required
def document_download(request, pk):
    """The file, to the beneficiary, the province's office or a council assigned to the case;
    404 to anyone else (never served from /media/)."""
    document = selectors.document_get(request.user, pk)
    return private_file(document.file, document.content_type,
                        document.original_name or document.file.name.rsplit("/")[-1])


@login_required
@require_POST
def document_add(request, pk):
    case = selectors.case_get(request.user, pk)
    form = forms.DocumentForm(request.POST, request.FILES, prefix="doc")
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}".strip(": "))
        return redirect("support:case_detail", pk=case.pk)
    upload = form.cleaned_data["file"]
    try:
        document_attach(case=case, actor=request.user, kind=form.cleaned_data["kind"],
                        title=form.cleaned_data["title"], name=upload.name, content=upload.read())
    except (ValidationError, PermissionDenied) as exc:
        for text in (exc.messages if isinstance(exc, ValidationError) else [str(exc)]):
            messages.error(request, text)
    else:
        messages.success(request, _("Đã đính kèm “%(n)s”.") % {"n": upload.name})
    return redirect("support:case_detail", pk=case.pk)

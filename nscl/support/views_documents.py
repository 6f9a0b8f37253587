"""A case's documents: added at a step of the case, opened only through the scope layer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nscl.core.downloads import private_file
from nscl.core.forms import add_refusal

from . import forms, selectors
from .permissions import can_open_case
from .services.documents import document_attach
from .views import _case_page


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
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document_attach(case=case, actor=request.user, kind=form.cleaned_data["kind"],
                            title=form.cleaned_data["title"], name=upload.name,
                            content=upload.read())
        except (ValidationError, PermissionDenied) as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("Đã đính kèm “%(n)s”.") % {"n": upload.name})
            return redirect("support:case_detail", pk=case.pk)
    return _upload_again(request, case, form)


def _upload_again(request, case, form):
    """A refused upload: the case page again, the kind and title as typed and the reasons on
    the form; a browser cannot refill a file input, so the form asks for the file again."""
    form.add_error("file", _("Vui lòng chọn lại tệp."))
    if not can_open_case(request.user, case):  # no case page for them: the reasons, told
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("support:case_detail", pk=case.pk)
    return _case_page(request, case, document_form=form)

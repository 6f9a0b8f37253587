"""What the reporting pages share: the refusals they show, the confirmation box, downloads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from nscl.workflow.engine import WorkflowError

from .. import documents

FAILURES = (ValidationError, PermissionDenied, WorkflowError, documents.ConversionError)


def _errors(request, exc) -> None:
    for message in (exc.messages if isinstance(exc, ValidationError) else [str(exc)]):
        messages.error(request, message)


def _confirmed(request) -> bool:
    """Irreversible steps show their summary with a box to tick (no script needed)."""
    if request.POST.get("xac_nhan") == "1":
        return True
    messages.error(request, _("Đánh dấu ô xác nhận trước khi thực hiện bước này."))
    return False


def _attachment(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""What the reporting pages share: the refusals they show, downloads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from nscl.workflow.engine import WorkflowError

from .. import documents

FAILURES = (ValidationError, PermissionDenied, WorkflowError, documents.ConversionError)


def _errors(request, exc) -> None:
    for message in (exc.messages if isinstance(exc, ValidationError) else [str(exc)]):
        messages.error(request, message)


def _attachment(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""Every write of reporting (logged; permissions checked first; states through the workflows
of `workflow.py`): requests and their templates (`requests`), units' submissions and their
attachments (`submissions`), the consolidated report and its frozen, signed, sent versions
(`reports`)."""

from .reports import (  # noqa: F401
    freeze_problems,
    report_build,
    report_correct,
    report_save,
    report_send,
    version_freeze,
    version_sign,
    version_unfreeze,
    version_upload_signed,
)
from .requests import (  # noqa: F401
    audience_units,
    request_copy,
    request_create,
    request_from_template,
    request_issue,
    request_problems,
    request_update,
    template_from_request,
    templates_due,
)
from .submissions import (  # noqa: F401
    attachment_add,
    attachment_remove,
    stored_rows,
    submission_reopen,
    submission_review,
    submission_save,
    submission_send,
    submission_submit,
)

"""Reporting pages: requests (drafted with every Decree 09 element, issued, copied, made from a
template) and their completeness, a unit's submission (sections, the grid, attachments, its own
Word and PDF), the consolidated report (edit, freeze, sign, send, correct; its versions) and the
Ministry's comparison of provinces. Thin: every write is a service, every read a selector."""

from .reports import (  # noqa: F401
    report_correct,
    report_create,
    report_detail,
    report_file,
    report_freeze,
    report_send,
    report_sign,
    report_unfreeze,
    report_upload_signed,
    version_file,
)
from .requests import (  # noqa: F401
    inbox,
    request_copy,
    request_detail,
    request_edit,
    request_issue,
    request_new,
    template_make,
    template_save,
)
from .submissions import (  # noqa: F401
    attachment_add,
    attachment_download,
    attachment_remove,
    submission_detail,
    submission_file,
    submission_grid_upload,
    submission_grid_xlsx,
    submission_reopen,
    submission_review,
)

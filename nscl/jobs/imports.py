"""Large uploads imported by a job: the file is kept in storage (never served), the job reads
it, runs the owning app's all-or-nothing import inside one transaction (a crash rolls it back,
so the job restarted from the top writes each row once) and deletes the file when done.

Files up to NSCL_IMPORT_INLINE_BYTES are imported in the request as before; the pages call
`import_inline` to choose."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from .kinds import JobError
from .models import Job
from .services import job_start

MAX_LISTED = 50


def import_inline(size: int) -> bool:
    return size <= getattr(settings, "NSCL_IMPORT_INLINE_BYTES", 256 * 1024)


def import_start(*, kind: str, content: bytes, scope: str, actor, params: dict) -> Job:
    """The job importing `content` into `scope` (e.g. "province:12"): the same file sent twice
    while the first is waiting or running is the same job."""
    digest = hashlib.sha256(content).hexdigest()[:24]
    name = default_storage.save(f"jobs/uploads/{digest}.bin", ContentFile(content))
    return job_start(kind=kind, key=f"{kind}:{scope}:{digest}", actor=actor,
                     params={**params, "upload": name}, total=1)


def import_run(job: Job, progress, run: Callable[[bytes], int], errors_of) -> None:
    """Run `run(content)` (returns how many it wrote) in one transaction; a refused file becomes
    the job's message, each bad row on its line (the first MAX_LISTED)."""
    with default_storage.open(job.params["upload"], "rb") as handle:
        content = handle.read()
    progress(0, 1)
    try:
        with transaction.atomic():
            written = run(content)
    except Exception as exc:
        errors = errors_of(exc)
        if errors is None:
            raise
        listed = [str(e) for e in errors[:MAX_LISTED]]
        more = len(errors) - len(listed)
        if more > 0:
            listed.append(_("… và %(n)s dòng lỗi khác.") % {"n": more})
        raise JobError(_("Chưa nhập dòng nào: sửa các dòng sau rồi nhập lại.") + "\n"
                       + "\n".join(listed)) from exc
    progress(written, written)
    default_storage.delete(job.params["upload"])

"""Who may see a job: the owning app says (each kind's `may_view`, its scope); out of scope is
a 404, as everywhere."""

from .kinds import kind_of
from .models import Job


def may_view_job(user, job: Job) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(kind_of(job.kind).may_view(user, job))

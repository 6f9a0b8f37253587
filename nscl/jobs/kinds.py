"""The kinds of job and who may see each one. Every app declares its own in a `jobs.py` module
(loaded when the apps are ready), so this app knows no domain model."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


class JobError(Exception):
    """A failure the user can act on; its message (Vietnamese) is shown on the job's page."""


@dataclass(frozen=True)
class JobKind:
    name: str
    label: Promise | str
    # run(job, progress) does the work; progress(done, total) records how far it got. It may
    # return (bytes, filename, content type) to keep a file for the user to download.
    run: Callable
    # may_view(user, job) -> bool: the owning app's scope (out of scope is a 404)
    may_view: Callable
    # where the user goes back to (the object's page), or None
    back_url: Callable | None = None


KINDS: dict[str, JobKind] = {}


def register(name: str, *, label, run: Callable, may_view: Callable,
             back_url: Callable | None = None) -> JobKind:
    KINDS[name] = JobKind(name=name, label=label, run=run, may_view=may_view,
                          back_url=back_url)
    return KINDS[name]


def kind_of(name: str) -> JobKind:
    if name not in KINDS:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
    return KINDS[name]

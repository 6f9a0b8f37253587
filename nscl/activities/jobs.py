"""Activities' background jobs: a large attendance sheet imported by a worker."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from nscl.jobs.imports import import_run
from nscl.jobs.kinds import register

from . import selectors
from .models import Event
from .services.events import AttendanceImportError, attendance_import


def _may_view(user, job) -> bool:
    return selectors.events_for(user).filter(pk=job.params["event"]).exists()


def _run(job, progress):
    event = Event.objects.get(pk=job.params["event"])
    import_run(job, progress, lambda content: attendance_import(
        event=event, content=content, actor=job.requested_by),
        lambda exc: exc.errors if isinstance(exc, AttendanceImportError) else None)


register("attendance_import", label=gettext_lazy("Nhập danh sách tham dự"), run=_run,
         may_view=_may_view,
         back_url=lambda job: reverse("activities:event_detail", args=[job.params["event"]]))

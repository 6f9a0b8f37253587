"""The registry's background jobs: a large registry file imported by a worker."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from nscl.jobs.imports import import_run
from nscl.jobs.kinds import register
from nscl.organisation.models import Unit
from nscl.organisation.scope import manages_province

from .services import RegistryImportError, registry_import


def _may_view(user, job) -> bool:
    return manages_province(user, Unit.objects.get(pk=job.params["province"]))


def _run(job, progress):
    province = Unit.objects.get(pk=job.params["province"])
    import_run(job, progress, lambda content: len(registry_import(
        content=content, province=province, actor=job.requested_by)),
        lambda exc: exc.errors if isinstance(exc, RegistryImportError) else None)


register("registry_import", label=gettext_lazy("Nhập danh sách đối tượng thụ hưởng"), run=_run,
         may_view=_may_view, back_url=lambda job: reverse("enterprises:beneficiary_list"))

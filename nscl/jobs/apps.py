from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "nscl.jobs"
    verbose_name = _("Việc chạy nền")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")  # every app's kinds of job (`<app>/jobs.py`)

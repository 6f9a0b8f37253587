from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "nscl.reporting"
    verbose_name = _("Báo cáo")

    def ready(self):
        from nscl.workflow import inbox, verbs

        from . import workflow  # noqa: F401  (registers the request, submission and report steps)
        from .events import FIELDS, ReportingVerb

        verbs.register(ReportingVerb, FIELDS)
        from .inbox import tasks

        inbox.register(tasks)

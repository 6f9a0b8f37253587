from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "nscl.reporting"
    verbose_name = "Báo cáo"

    def ready(self):
        from nscl.workflow import inbox, verbs

        from . import workflow  # noqa: F401  (registers the submission and report steps)
        from .events import FIELDS, ReportingVerb

        verbs.register(ReportingVerb, FIELDS)
        from .inbox import tasks

        inbox.register(tasks)

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "nscl.plans"
    verbose_name = "Kế hoạch và chỉ tiêu"

    def ready(self):
        from nscl.workflow import verbs

        from .events import FIELDS, PlanVerb

        verbs.register(PlanVerb, FIELDS)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "nscl.plans"
    verbose_name = _("Kế hoạch và chỉ tiêu")

    def ready(self):
        from nscl.workflow import verbs

        from .events import FIELDS, PlanVerb

        verbs.register(PlanVerb, FIELDS)

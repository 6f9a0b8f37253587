from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "nscl.budget"
    verbose_name = _("Dự toán kinh phí")

    def ready(self):
        from nscl.workflow import verbs

        from .events import FIELDS, BudgetVerb

        verbs.register(BudgetVerb, FIELDS)

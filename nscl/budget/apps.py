from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "nscl.budget"
    verbose_name = "Dự toán kinh phí"

    def ready(self):
        from nscl.workflow import verbs

        from .events import FIELDS, BudgetVerb

        verbs.register(BudgetVerb, FIELDS)

from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "nscl.budget"
    verbose_name = "Dự toán kinh phí"

from django.apps import AppConfig


class EnterprisesConfig(AppConfig):
    name = "nscl.enterprises"
    verbose_name = "Doanh nghiệp, HTX, hộ kinh doanh"

    def ready(self):
        from nscl.workflow import verbs

        from .events import FIELDS, EnterpriseVerb

        verbs.register(EnterpriseVerb, FIELDS)

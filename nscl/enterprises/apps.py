from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "nscl.enterprises"
    verbose_name = _("Doanh nghiệp, HTX, hộ kinh doanh")

    def ready(self):
        from nscl.workflow import verbs

        from .events import FIELDS, EnterpriseVerb

        verbs.register(EnterpriseVerb, FIELDS)

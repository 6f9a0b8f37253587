from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "nscl.workflow"
    verbose_name = _("Nhật ký nghiệp vụ")

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from . import verbs

        verbs.register({"reminder_sent": _("Gửi thư nhắc hạn")})

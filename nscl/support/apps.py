from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "nscl.support"
    verbose_name = _("Hỗ trợ doanh nghiệp")

    def ready(self):
        from nscl.budget import execution
        from nscl.plans import engine
        from nscl.workflow import inbox, verbs

        from . import indicators, workflow  # noqa: F401  (registers the case, council, call steps)
        from .events import FIELDS, SupportVerb
        from .services.money import execution_by_line

        engine.register("support.accepted_cases", _("Lượt hỗ trợ nghiệm thu đạt (theo nhóm)"),
                        indicators.accepted_cases)
        engine.register("support.beneficiaries", _("Số đối tượng được hỗ trợ (không trùng lặp)"),
                        indicators.supported_beneficiaries)
        engine.register("support.award_winners", _("Lượt đạt Giải thưởng Chất lượng Quốc gia"),
                        indicators.award_winners)
        execution.register(execution_by_line)
        verbs.register(SupportVerb, FIELDS)
        from .inbox import tasks

        inbox.register(tasks)

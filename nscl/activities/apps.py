from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "nscl.activities"
    verbose_name = _("Hoạt động")

    def ready(self):
        from nscl.budget import execution
        from nscl.plans import engine
        from nscl.workflow import verbs

        from . import indicators
        from .events import FIELDS, ActivityVerb

        engine.register("activities.events", _("Số hoạt động đã tổ chức (theo loại)"),
                        indicators.events_held)
        engine.register("activities.turns", _("Lượt người tham dự (theo loại hoạt động)"),
                        indicators.participant_turns)
        engine.register("activities.persons", _("Số người tham dự, không trùng lặp"),
                        indicators.persons_trained)
        engine.register("activities.experts", _("Chuyên gia năng suất được cấp chứng chỉ"),
                        indicators.experts_certified)
        engine.register("activities.awards", _("Lượt tham dự Giải thưởng Chất lượng Quốc gia"),
                        indicators.award_entries)
        execution.register(indicators.execution_by_line)
        verbs.register(ActivityVerb, FIELDS)

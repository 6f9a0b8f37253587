"""Events made through the activities service."""

import datetime as dt

from nscl.activities.services.events import event_create


def event(plan, organiser, *, title: str = "Hội thảo năng suất chất lượng", kind="workshop",
          day=dt.date(2024, 5, 6), cost=None, actor=None, **counts):
    return event_create(plan=plan, actor=actor, title=title, kind=kind, organiser=organiser,
                        starts_on=day, ends_on=day, place="Hội trường", cost=cost,
                        budget_line=None, **counts)

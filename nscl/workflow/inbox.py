""""Việc chờ tôi": one inbox for every kind of work, filled by the apps that own the work.

Each app registers a provider in its `AppConfig.ready()` (support: case steps and council
assignments; reporting: contributions to write or fix, and to review …), as indicators register
with the indicator engine; the inbox page and each user's landing page only collect them.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone


@dataclass(frozen=True)
class Task:
    """Something `user` should do now: what, where, which steps, by when."""

    group: str
    title: str
    url: str
    state: str = ""
    actions: tuple[str, ...] = field(default_factory=tuple)
    deadline: dt.date | None = None

    @property
    def days_left(self) -> int | None:
        return None if self.deadline is None else (self.deadline - timezone.localdate()).days


Provider = Callable[[object], Iterable[Task]]
PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def tasks_for(user) -> list[Task]:
    """Everything waiting for `user`, the nearest deadline first."""
    if not user.is_authenticated:
        return []
    tasks = [task for provider in PROVIDERS for task in provider(user)]
    far = dt.date.max
    return sorted(tasks, key=lambda t: (t.deadline or far, t.group, t.title))

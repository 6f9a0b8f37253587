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


@dataclass(frozen=True)
class More:
    """Work of a group that the inbox does not list one by one (a provider reads a bounded
    number of candidates): how many more there are and the full, paged list that has them —
    the inbox never drops work silently."""

    group: str
    count: int
    url: str
    text: str  # what they are, with the count: "Còn 12 hồ sơ …: xem danh sách đầy đủ"


Provider = Callable[[object], Iterable[Task | More]]
PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def inbox_for(user) -> tuple[list[Task], list[More]]:
    """Everything waiting for `user`, the nearest deadline first, and what is not listed one
    by one (with where to find it)."""
    if not user.is_authenticated:
        return [], []
    found = [item for provider in PROVIDERS for item in provider(user)]
    far = dt.date.max
    tasks = sorted((t for t in found if isinstance(t, Task)),
                   key=lambda t: (t.deadline or far, t.group, t.title))
    return tasks, [m for m in found if isinstance(m, More)]


def tasks_for(user) -> list[Task]:
    """Everything waiting for `user` listed one by one, the nearest deadline first."""
    return inbox_for(user)[0]

"""The declaration a model makes of how its rows reach the unit tree (read by `scope.py`).

Kept apart from `scope.py` so that `organisation.models` itself can declare its scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

VIEW, CHANGE = "view", "change"
NATIONAL, PROVINCE, EVERYONE, UNIT, OWNER, MEMBERS = (
    "national", "province", "everyone", "unit", "owner", "members")



@dataclass(frozen=True)
class Scope:
    """How a model's rows reach the unit tree; every path is a lookup from the model.

    `province`, `unit` and `owner` lead to a `Unit` ("" is the row itself, for `Unit`);
    `members` lead to a `User` (council seats). `view` and `change` name the reaches that apply
    to each action; by default a row is seen by every reach it declares a path for and changed
    by its province's program office. `national` limits what the Ministry sees (a Q, or False
    for nothing: personal data stays with the province that collected it); `public` is what an
    anonymous visitor may see (published products).
    """

    province: str | None = None
    unit: str | None = None
    owner: str | None = None
    members: tuple[str, ...] = ()
    view: frozenset[str] | None = None
    change: frozenset[str] = frozenset({PROVINCE})
    national: bool | Q = True
    public: Q | None = None
    _declared: frozenset[str] = field(default=frozenset(), init=False, repr=False)

    def __post_init__(self):
        declared = {NATIONAL} if self.national is not False else set()
        if self.province is not None:
            declared |= {PROVINCE}
        for reach, path in ((UNIT, self.unit), (OWNER, self.owner), (MEMBERS, self.members)):
            if path not in (None, ()):
                declared.add(reach)
        object.__setattr__(self, "_declared", frozenset(declared))
        if self.view is None:
            object.__setattr__(self, "view", frozenset(declared))
        unknown = (set(self.view) | set(self.change)) - (declared | {EVERYONE})
        if unknown or (EVERYONE in set(self.view) | set(self.change) and self.province is None):
            raise ImproperlyConfigured(f"Scope reaches without a path: {sorted(unknown)}")

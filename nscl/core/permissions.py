"""Allowed-or-why: the answer every named permission check gives.

Each app's `permissions.py` holds its checks (`can_<verb>(user, obj) -> Decision`), called by its
services before they write, so a write is refused the same way from a page, the API, the CLI
and an import; views only ask the same checks to decide which buttons to show.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)


def deny(reason) -> Decision:
    return Decision(False, str(reason))


def allow_if(condition: bool, reason) -> Decision:
    return ALLOWED if condition else deny(reason)


def require(decision: Decision) -> None:
    """Raise `PermissionDenied` with the reason when the decision is a refusal."""
    if not decision:
        raise PermissionDenied(decision.reason)


def requires(check):
    """A view for those `check(user)` allows, 403 with its reason for the others (placed under
    `login_required`): a list page asks the same check the menu asks."""
    import functools

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            require(check(request.user))
            return view(request, *args, **kwargs)
        wrapped.required_permission = check
        return wrapped
    return decorate

"""The recall's states and transitions, declared as data.

A small table the generic workflow engine (`nscl/workflow`, being rebuilt on main) can take in
as it is: each transition names its source states, its target, the permission check
(`permissions.<name>`) and the verb of its log entry. Until then `services.recall_advance`
reads this table, checks, changes the state and logs, in one transaction.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .choices import RecallState as S


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    permission: str  # a function of `permissions`
    verb: str  # the DomainEvent verb
    label: str
    needs_note: bool = False


RECALL_INITIAL = S.ORDERED
RECALL_TRANSITIONS = (
    Transition("notify", (S.ORDERED,), S.NOTIFIED, "advance_recall", "recall_notified",
               _("Ghi nhận đã thông báo")),
    Transition("confirm_removal", (S.NOTIFIED,), S.REMOVED, "advance_recall", "recall_removed",
               _("Xác nhận đã thu gom khỏi thị trường")),
    Transition("close", (S.REMOVED,), S.CLOSED, "advance_recall", "recall_closed",
               _("Kết thúc thu hồi")),
    Transition("lift", (S.ORDERED, S.NOTIFIED, S.REMOVED, S.CLOSED), S.LIFTED, "lift_recall",
               "recall_lifted", _("Dỡ bỏ lệnh thu hồi"), needs_note=True),
)
# a recall in these states is in force: the lot's stamps show it
RECALL_IN_FORCE = (S.ORDERED, S.NOTIFIED, S.REMOVED, S.CLOSED)


def recall_transition(name: str) -> Transition:
    for transition in RECALL_TRANSITIONS:
        if transition.name == name:
            return transition
    raise KeyError(name)


def recall_available(state: str) -> list[Transition]:
    return [t for t in RECALL_TRANSITIONS if state in t.sources]


RECALL_VERBS = {"recall_ordered": _("Ra lệnh thu hồi"),
                **{t.verb: t.label for t in RECALL_TRANSITIONS}}

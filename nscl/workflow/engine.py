"""One workflow engine for every lifecycle (support cases, councils, calls, reporting
submissions, consolidated reports, stamp rolls …), Hypha's "workflows declared as data, one
`perform` that checks, runs and logs".

An app declares its workflow in its `workflow.py`:

    CASE_FLOW = Workflow(
        name="case", model=SupportCase, states=CaseStatus, verb_prefix="case",
        actors={"office": lambda user, case: manages_province(user, case.plan.province), …},
        transitions=[Transition("screen", _("Xét điều kiện"), {S.SUBMITTED}, "office"), …])

`perform(obj, action, actor, step)` is the only way such a record changes state: in one
transaction it locks the row, checks the state and the actor, runs the step's own work (which
may set the state itself where the outcome decides it), sets the target state, saves and logs
one event — the timeline, the audit trail, the e-mails (`on_done`) and each
user's "waiting for you" list all read that one log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext as _

from nscl.core.permissions import ALLOWED, Decision, deny

from . import verbs
from .services import event_record


class WorkflowError(Exception):
    """A step that may not run now; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Transition:
    """One step: from which states, by whom, authorised by which document, to which state.

    `target` None: the step decides (eligible or not, passed or failed), or the state stays.
    `confirm`: an irreversible step — the page asks for confirmation and shows this summary.
    `routine`: a step that can always be taken (a note, a visit), not something waiting.
    """

    action: str
    label: object
    sources: frozenset[str]
    actor: str
    document: object = ""
    target: str | None = None
    confirm: object = ""
    routine: bool = False

    def __init__(self, action, label, sources: Iterable[str], actor, document="", target=None,
                 confirm="", routine=False):
        for name, value in (("action", action), ("label", label),
                            ("sources", frozenset(sources)), ("actor", actor),
                            ("document", document), ("target", target), ("confirm", confirm),
                            ("routine", routine)):
            object.__setattr__(self, name, value)


Actor = Callable[[object, models.Model], bool]
Step = Callable[[models.Model], dict | None]


@dataclass
class Workflow:
    name: str
    model: type[models.Model]
    states: type[models.TextChoices]
    transitions: list[Transition]
    actors: dict[str, Actor]
    verb_prefix: str
    state_field: str = "status"
    select_related: tuple[str, ...] = ()
    on_done: Callable[[models.Model, Transition, bool], None] | None = None
    context: Callable[[models.Model], models.Model | None] | None = None
    notifies: Callable[[models.Model], list[str]] | None = None  # who `on_done` e-mails
    by_action: dict[str, Transition] = field(init=False)

    def __post_init__(self):
        self.by_action = {t.action: t for t in self.transitions}
        known = set(self.states.values)
        for t in self.transitions:
            unknown = (t.sources | ({t.target} if t.target else set())) - known
            if unknown or t.actor not in self.actors:
                raise ValueError(f"{self.name}.{t.action}: unknown {unknown or t.actor}")
        verbs.register({self.verb(t.action): t.label for t in self.transitions})
        REGISTRY[self.name] = self

    def verb(self, action: str) -> str:
        return f"{self.verb_prefix}_{action}"

    def state_of(self, obj) -> str:
        return getattr(obj, self.state_field)

    def may(self, user, obj, action: str) -> Decision:
        """Whether `user` may take the step now, and if not, why — in Vietnamese."""
        transition = self.by_action[action]
        if user is None or not user.is_authenticated:
            return deny(_("Cần đăng nhập."))
        if self.state_of(obj) not in transition.sources:
            return deny(self._wrong_state(obj, transition))
        if not self.actors[transition.actor](user, obj):
            return deny(_("Bạn không có quyền “%(step)s” đối với %(obj)s.")
                        % {"step": transition.label, "obj": obj})
        return ALLOWED

    def allowed(self, user, obj, *, routine: bool = True) -> list[Transition]:
        return [t for t in self.transitions
                if (routine or not t.routine) and self.may(user, obj, t.action)]

    def waiting_states(self) -> set[str]:
        """The states from which a non-routine step can be taken (someone has work to do)."""
        return {s for t in self.transitions if not t.routine for s in t.sources}

    def _wrong_state(self, obj, transition) -> str:
        state = getattr(obj, f"get_{self.state_field}_display")()
        what = str(self.model._meta.verbose_name)
        return (_("%(what)s %(obj)s đang ở trạng thái “%(state)s”: không thể “%(step)s”.")
                % {"what": what[:1].upper() + what[1:], "obj": obj, "state": state,
                   "step": transition.label})

    @transaction.atomic
    def perform(self, obj, action: str, actor, step: Step | None = None, note: str = ""):
        """Run one step: lock, check state and actor, run `step`, set the state, log once."""
        transition = self.by_action[action]
        obj = (self.model._base_manager.select_for_update()
               .select_related(*self.select_related).get(pk=obj.pk))
        if self.state_of(obj) not in transition.sources:
            raise WorkflowError(self._wrong_state(obj, transition))
        if actor is not None and not self.actors[transition.actor](actor, obj):
            raise PermissionDenied(self.may(actor, obj, action).reason)
        before = {"status": self.state_of(obj)}
        details = (step(obj) if step else None) or {}
        if transition.target:
            setattr(obj, self.state_field, transition.target)
        obj.save()
        event_record(actor=actor, verb=self.verb(action), obj=obj, before=before,
                     after={"status": self.state_of(obj), **details},
                     note=note or str(transition.label),
                     context=self.context(obj) if self.context else None)
        if self.on_done is not None:
            self.on_done(obj, transition, self.state_of(obj) != before["status"])
        return obj


REGISTRY: dict[str, Workflow] = {}

"""No step by accident: one confirmation for every irreversible step of every workflow.

A transition declared with `confirm=` (its summary of what will happen) is irreversible. Its view
calls `confirm_step(...)` before the service: without the confirm field in the POST nothing is
done and the confirmation page is shown instead — the record, its state now and after, what will
happen, the values the user entered (amounts, dates), who will be told — with the user's POST
carried in hidden fields and the confirm field, so the confirming POST performs the same step.
A page may also ask in place (a box to tick named `CONFIRM_FIELD`); the check is the same.
`irreversible()` lists the declared steps (the test that every one asks reads it).

Some irreversible steps change no workflow state: they make a record that is final once made (a
council member's score — only the chair reopens it). Such a step is declared as an `Act` (its
summary, the event it logs, who may take it) and its view calls `confirm_act(...)`, the same
page without the state line; `irreversible_acts()` lists them for the same test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nscl.core.numbers import format_vn_number
from nscl.core.permissions import Decision

from .engine import REGISTRY, Transition, Workflow

CONFIRM_FIELD = "xac_nhan"
_NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRM_FIELD}


def irreversible() -> list[tuple[Workflow, Transition]]:
    """Every step declared irreversible (with a `confirm` summary), over all workflows."""
    return [(flow, t) for flow in REGISTRY.values() for t in flow.transitions if t.confirm]


@dataclass(frozen=True)
class Act:
    """An irreversible step that is not a state change: what it makes is final once made.
    `name` "<model>.<step>", `confirm` the summary of what will happen, `verb` the event it logs,
    `may(user, obj)` whether the user may take it now (and why not)."""

    name: str
    label: object
    confirm: object
    verb: str
    model: type
    may: Callable[[object, object], Decision]
    document: object = ""

    def __post_init__(self):
        ACTS[self.name] = self


ACTS: dict[str, Act] = {}


def irreversible_acts() -> list[Act]:
    """Every irreversible step declared outside the workflows (`Act`)."""
    return list(ACTS.values())


def confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "1"


def _shown(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format_vn_number(value)
    if isinstance(value, dt.datetime):
        return f"{value:%H:%M %d/%m/%Y}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def facts_from_form(form: forms.Form | None) -> list[tuple[str, str]]:
    """What the user entered in a valid form, as (label, value) lines for the summary."""
    if form is None or not form.is_bound or not form.is_valid():
        return []
    facts = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            value = dict(field.choices).get(form.data.get(form.add_prefix(name)), value)
        if _shown(value):
            facts.append((str(field.label), _shown(value)))
    return facts


def state_after(flow: Workflow, transition: Transition) -> str:
    if transition.target:
        return str(flow.states(transition.target).label)
    return _("theo kết quả của bước này")


def confirm_step(request, flow: Workflow, action: str, obj, *, back: str, facts=(),
                 items=(), subject=None, form=None, template: str = "workflow/confirm.html",
                 extra: dict | None = None, again: bool = False) -> HttpResponse | None:
    """None when the step may run now (it is not irreversible, or the POST confirms it);
    otherwise the answer to return: the confirmation page, or — for a user who may not take the
    step — back to `back` with the reason. `form`, when given, is shown on the page (a reason to
    write there); otherwise the posted fields are carried over hidden. `items`: the rows the
    step applies to when they are several (a decision over a list), `subject` then says what.
    `again`: show the page even on a confirmed POST (its form had an error)."""
    transition = flow.by_action[action]
    if not transition.confirm or (confirmed(request) and not again):
        return None
    decision = flow.may(request.user, obj, action)
    if not decision:
        messages.error(request, decision.reason)
        return redirect(back)
    carried = []
    if request.method == "POST":
        skip = set(_NOT_CARRIED) | ({form.add_prefix(n) for n in form.fields} if form else set())
        carried = [(k, v) for k, values in request.POST.lists() if k not in skip for v in values]
    what = str(flow.model._meta.verbose_name)
    context = {
        "flow": flow, "transition": transition, "obj": subject or obj, "back": back,
        "what": what[:1].upper() + what[1:],
        "state_now": getattr(obj, f"get_{flow.state_field}_display")(),
        "state_after": state_after(flow, transition),
        "facts": list(facts), "items": list(items), "form": form, "carried": carried,
        "notified": flow.notifies(obj) if flow.notifies else [],
        "confirm_field": CONFIRM_FIELD, **(extra or {})}
    return render(request, template, context)


def confirm_act(request, act: Act, obj, *, back: str, facts=(), items=(), subject=None,
                template: str = "workflow/confirm.html", extra: dict | None = None
                ) -> HttpResponse | None:
    """`confirm_step` for an `Act`: None when the POST confirms it; otherwise the confirmation
    page (what will happen, the values entered, the user's POST carried in hidden fields), or —
    for a user who may not take it — back to `back` with the reason."""
    if confirmed(request):
        return None
    decision = act.may(request.user, obj)
    if not decision:
        messages.error(request, decision.reason)
        return redirect(back)
    carried = [(k, v) for k, values in request.POST.lists() if k not in _NOT_CARRIED
               for v in values] if request.method == "POST" else []
    what = str(act.model._meta.verbose_name)
    return render(request, template, {
        "transition": act, "obj": subject or obj, "back": back,
        "what": what[:1].upper() + what[1:], "facts": list(facts), "items": list(items),
        "carried": carried, "notified": [], "confirm_field": CONFIRM_FIELD, **(extra or {})})

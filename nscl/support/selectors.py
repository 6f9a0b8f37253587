"""Reads of the support module, each starting from the user's scope (out of scope = 404).

- province-wide roles and the Ministry: the cases of their province's plans;
- a beneficiary: its own cases; a council member: the cases assigned to their councils;
- a unit reporter: the cases of beneficiaries located in their unit (a commune sees its own).
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from nscl.core.search import search
from nscl.organisation.choices import Role
from nscl.organisation.scope import PROVINCE_WIDE_ROLES, province_scope_path

from .models import Beneficiary, Council, SupportCall, SupportCase
from .workflow import TRANSITIONS, may


def cases_for(user) -> QuerySet[SupportCase]:
    cases = SupportCase.objects.select_related(
        "beneficiary__commune", "call_category__category", "call_category__call__plan__province",
        "call_category__budget_line")
    if not user.is_authenticated:
        return cases.none()
    if user.is_superuser or user.role == Role.MINISTRY:
        return cases
    if user.unit_id is None:
        return cases.none()
    if user.role in PROVINCE_WIDE_ROLES:
        return cases.filter(
            call_category__call__plan__province__path__startswith=province_scope_path(user))
    if user.role == Role.BENEFICIARY:
        return cases.filter(beneficiary__unit=user.unit)
    if user.role == Role.COUNCIL_MEMBER:
        return cases.filter(Q(selection_council__members__user=user)
                            | Q(acceptance_council__members__user=user)).distinct()
    return cases.filter(beneficiary__commune__path__startswith=user.unit.path)


def case_get(user, pk: int) -> SupportCase:
    return get_object_or_404(cases_for(user), pk=pk)


def case_list(user, *, status: str = "", category: str = "", year: str = "", query: str = "",
              commune: str = "", plan: str = ""):
    """The user's cases, filtered; `status` may list several states separated by commas."""
    cases = cases_for(user)
    if status:
        cases = cases.filter(status__in=status.split(","))
    if commune.isdigit():
        cases = cases.filter(commune_id=int(commune))
    if plan.isdigit():
        cases = cases.filter(call_category__call__plan_id=int(plan))
    if category:
        cases = cases.filter(call_category__category__code=category)
    if year.isdigit():
        cases = cases.filter(call_category__call__year=int(year))
    if query:
        cases = cases.filter(Q(pk__in=search(SupportCase.objects.all(), query))
                             | Q(beneficiary__in=search(Beneficiary.objects.all(), query)))
    return cases


def beneficiaries_for(user) -> QuerySet[Beneficiary]:
    found = Beneficiary.objects.select_related("commune", "unit")
    if not user.is_authenticated:
        return found.none()
    if user.is_superuser or user.role == Role.MINISTRY:
        return found
    if user.unit_id is None or user.role == Role.COUNCIL_MEMBER:
        return found.filter(cases__in=cases_for(user)).distinct()
    if user.role in PROVINCE_WIDE_ROLES:
        return found.filter(commune__path__startswith=province_scope_path(user))
    if user.role == Role.BENEFICIARY:
        return found.filter(unit=user.unit)
    return found.filter(commune__path__startswith=user.unit.path)


def councils_for(user) -> QuerySet[Council]:
    councils = Council.objects.select_related("plan__province")
    if user.is_superuser or user.role == Role.MINISTRY:
        return councils
    if user.role in PROVINCE_WIDE_ROLES and user.unit_id:
        return councils.filter(plan__province__path__startswith=province_scope_path(user))
    return councils.filter(members__user=user).distinct()


def open_calls_for(user) -> QuerySet[SupportCall]:
    path = province_scope_path(user)
    if path is None:
        return SupportCall.objects.none()
    return (SupportCall.objects.filter(plan__province__path__startswith=path)
            .prefetch_related("categories__category").select_related("plan"))


ROUTINE = {"report_progress", "monitor", "amend", "withdraw"}
WAITING_STATES = {s for t in TRANSITIONS.values() if t.action not in ROUTINE for s in t.sources}


def waiting_for(user, limit: int = 100) -> list[tuple[SupportCase, list]]:
    """Cases with a step this user can take now (routine steps such as notes left out)."""
    candidates = cases_for(user).filter(status__in=WAITING_STATES)[:500]
    result = []
    for case in candidates:
        steps = [t for t in TRANSITIONS.values() if t.action not in ROUTINE
                 and may(user, case, t.action)]
        if steps:
            result.append((case, steps))
        if len(result) >= limit:
            break
    return result

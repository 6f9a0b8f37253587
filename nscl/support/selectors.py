"""Reads of the support module, each starting from the scope layer (out of scope = 404).

Who sees which case is declared once, on `SupportCase.scope`: the province's office,
leadership and viewers and the Ministry see the cases of their plans; a beneficiary its own; a
council member those assigned to their councils; a commune's reporter the cases of
beneficiaries located in it.
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from nscl.core.periods import Window
from nscl.core.search import search
from nscl.enterprises.models import Beneficiary
from nscl.organisation.scope import get_in_scope, restrict
from nscl.workflow.selectors import events_about, visible_events

from .choices import CallStatus
from .models import CallCategory, Council, Payment, SupportCall, SupportCase
from .permissions import can_see_scores, may_sit_on_councils
from .workflow import CASE_FLOW

CASE_RELATED = ("beneficiary__commune", "call_category__category",
                "call_category__call__plan__province", "call_category__budget_line")


def cases_for(user, action: str = "view") -> QuerySet[SupportCase]:
    return restrict(SupportCase.objects.select_related(*CASE_RELATED), user, action)


def case_get(user, pk: int) -> SupportCase:
    return get_in_scope(SupportCase.objects.select_related(*CASE_RELATED), user, pk)


def case_list(user, *, status: str = "", category: str = "", year: int | None = None,
              query: str = "", commune: int | None = None, plan: int | None = None,
              accepted: Window | None = None):
    """The user's cases, filtered; `status` may list several states separated by commas;
    `accepted` keeps the cases accepted on a day of that window (a report's figure)."""
    cases = cases_for(user)
    if accepted is not None:
        cases = cases.filter(accepted_on__gte=accepted.since, accepted_on__lte=accepted.until)
    if status:
        cases = cases.filter(status__in=status.split(","))
    if commune is not None:
        cases = cases.filter(commune_id=commune)
    if plan is not None:
        cases = cases.filter(call_category__call__plan_id=plan)
    if category:
        cases = cases.filter(call_category__category__code=category)
    if year is not None:
        cases = cases.filter(call_category__call__year=year)
    if query:
        cases = cases.filter(Q(pk__in=search(SupportCase.objects.all(), query))
                             | Q(beneficiary__in=search(Beneficiary.objects.all(), query)))
    return cases


def case_timeline(user, case: SupportCase) -> list:
    """The case's log as `user` may read it: members' scores (and the average they make)
    only for those `can_see_scores` allows — never the beneficiary."""
    events = visible_events(user, events_about(case))
    if can_see_scores(user, case):
        return events
    for event in events:
        if event.after and "average" in event.after:
            event.after = {k: v for k, v in event.after.items() if k != "average"}
        if event.verb in COUNCIL_DECIDED and case.selection_council_id:
            event.actor_label = str(case.selection_council)  # the council decided, not a person
    return [e for e in events if e.verb not in {"case_score", "case_score_reopened"}]


COUNCIL_DECIDED = {"case_recommend", "case_not_recommend", "case_reconsider"}


def councils_for(user) -> QuerySet[Council]:
    return restrict(Council.objects.select_related("plan__province"), user)


def council_get(user, pk: int) -> Council:
    return get_in_scope(Council.objects.select_related("plan__province"), user, pk)


def council_candidates(plan, kind: str | None = None):
    """Who may be appointed to a council of the plan: people of the province, never a system
    account, an applicant's account or someone related to a pending applicant (checked again
    when the council is formed)."""
    from nscl.organisation.models import User

    from .services.cases import applicant_relations

    people = User.objects.filter(is_active=True, is_superuser=False, is_staff=False,
                                 unit__path__startswith=plan.province.province_path())
    kinds = [kind] if kind else ["selection", "acceptance"]
    unfit = [u.pk for u in people if not may_sit_on_councils(u)
             or any(applicant_relations(u, plan, k) for k in kinds)]
    return people.exclude(pk__in=unfit).order_by("full_name")


def my_councils(user) -> QuerySet[Council]:
    """The councils the user sits on ("Hội đồng của tôi"), working ones first."""
    return (councils_for(user).filter(members__user=user).distinct()
            .order_by("-status", "-decision_date"))


def calls_for(user) -> QuerySet[SupportCall]:
    return restrict(SupportCall.objects.select_related("plan__province"), user)


def open_calls_for(user, today=None) -> QuerySet[SupportCall]:
    """Calls taking applications now: open, and today between their opening and deadline."""
    today = today or timezone.localdate()
    return (calls_for(user).filter(status=CallStatus.OPEN, opens_on__lte=today,
                                   deadline__gte=today)
            .prefetch_related("categories__category"))


def open_call_categories(user) -> QuerySet[CallCategory]:
    return (CallCategory.objects.filter(call__in=open_calls_for(user))
            .select_related("call", "category").order_by("-call__year", "category__code"))


def waiting_for(user, limit: int = 100) -> list[tuple[SupportCase, list]]:
    """Cases with a step this user can take now (routine steps such as notes left out)."""
    candidates = cases_for(user).filter(status__in=CASE_FLOW.waiting_states())[:500]
    result = []
    for case in candidates:
        steps = CASE_FLOW.allowed(user, case, routine=False)
        if steps:
            result.append((case, steps))
        if len(result) >= limit:
            break
    return result


def payments_for(user, plan, window: Window | None = None) -> QuerySet[Payment]:
    """The plan's support payments the user may see, booked in `window` when given."""
    payments = restrict(Payment.objects.select_related(
        "contract__case__beneficiary", "contract__case__call_category__category"), user) \
        .filter(contract__case__call_category__call__plan=plan)
    if window is not None:
        payments = payments.filter(paid_on__gte=window.since, paid_on__lte=window.until)
    return payments.order_by("paid_on", "pk")

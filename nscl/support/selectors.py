"""Reads of the support module, each starting from the scope layer (out of scope = 404).

Who sees which case is declared once, on `SupportCase.scope`: the province's office,
leadership and viewers and the Ministry see the cases of their plans; a beneficiary its own; a
council member those assigned to their councils; a commune's reporter the cases of
beneficiaries located in it.
"""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from nscl.core.periods import Window
from nscl.core.search import search
from nscl.core.text import search_key
from nscl.enterprises.models import Beneficiary
from nscl.organisation.scope import get_in_scope, restrict
from nscl.organisation.scoping import CHANGE
from nscl.workflow.selectors import events_about, visible_events

from .choices import CallStatus
from .models import CallCategory, CaseDocument, Council, Payment, SupportCall, SupportCase
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
    if plan is not None:
        cases = cases.filter(call_category__call__plan_id=plan)
    if year is not None:
        cases = cases.filter(call_category__call__year=year)
    return case_list_filter(cases, status=status, category=category, commune=commune,
                            query=query)


def case_list_filter(cases: QuerySet[SupportCase], *, status: str = "", category: str = "",
                     commune: int | None = None, query: str = "") -> QuerySet[SupportCase]:
    """`cases` (already in scope) by state(s), category, commune and words of the content,
    code or the beneficiary's name or tax code (without diacritics)."""
    if status:
        cases = cases.filter(status__in=status.split(","))
    if commune is not None:
        cases = cases.filter(commune_id=commune)
    if category:
        cases = cases.filter(call_category__category__code=category)
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
            .order_by("-status", "-decision_date", "-pk"))


def calls_for(user) -> QuerySet[SupportCall]:
    return restrict(SupportCall.objects.select_related("plan__province"), user)


def open_calls_for(user, now=None) -> QuerySet[SupportCall]:
    """Calls taking applications now, in the user's own province (a beneficiary is offered the
    calls of where it operates): open, past their opening minute, not past their closing one."""
    now = now or timezone.now()
    calls = calls_for(user).filter(status=CallStatus.OPEN, opens_at__lte=now,
                                   closes_at__gt=now - dt.timedelta(minutes=1))
    if user.is_authenticated and user.unit_id:
        calls = calls.filter(plan__province__path__startswith=user.unit.province_path())
    return calls.prefetch_related("categories__category").order_by("closes_at")


def call_list(calls: QuerySet[SupportCall], *, year: int | None = None, status: str = "",
              category: str = "", query: str = "", plan: int | None = None
              ) -> QuerySet[SupportCall]:
    """`calls` (already in the user's scope) filtered as a list page asks: the year, the state,
    a category offered, words of the title or description (without diacritics), one plan."""
    if year is not None:
        calls = calls.filter(year=year)
    if status:
        calls = calls.filter(status=status)
    if category:
        calls = calls.filter(pk__in=CallCategory.objects.filter(
            category__code=category).values("call_id"))
    if plan is not None:
        calls = calls.filter(plan_id=plan)
    return search(calls, query)


def council_list(councils: QuerySet[Council], *, year: int | None = None, status: str = "",
                 kind: str = "", query: str = "", plan: int | None = None) -> QuerySet[Council]:
    """`councils` (already in the user's scope) filtered: the year of the founding decision,
    the state, the kind, words of the name or decision number (without diacritics), a plan."""
    if year is not None:
        councils = councils.filter(decision_date__year=year)
    if status:
        councils = councils.filter(status=status)
    if kind:
        councils = councils.filter(kind=kind)
    if plan is not None:
        councils = councils.filter(plan_id=plan)
    return search(councils, query)


def call_get(user, pk: int) -> SupportCall:
    return get_in_scope(SupportCall.objects.select_related("plan__province"), user, pk)


def call_cases(user, call: SupportCall) -> QuerySet[SupportCase]:
    """The call's applications the user may see (the office all, a beneficiary its own)."""
    return cases_for(user).filter(call_category__call=call).order_by("submitted_on", "pk")


def documents_for(user, case: SupportCase) -> QuerySet[CaseDocument]:
    """The case's documents `user` may open: the beneficiary, the province's office and the
    councils assigned (`CaseDocument.scope`, its "change" reach) — not every reader."""
    return restrict(case.documents.select_related("uploaded_by"), user, CHANGE)


def document_get(user, pk: int):
    """A case document, or 404 to anyone outside the beneficiary, the office and the councils
    assigned to its case."""
    return get_in_scope(CaseDocument.objects.select_related("case"), user, pk, CHANGE)


def open_call_categories(user, call: int | None = None) -> QuerySet[CallCategory]:
    calls = open_calls_for(user)
    if call is not None:
        calls = calls.filter(pk=call)
    return (CallCategory.objects.filter(call__in=calls)
            .select_related("call", "category").order_by("-call__year", "category__code"))


WAITING_READ = 500  # cases read per inbox; past them the inbox counts the rest and links


def waiting_for(user, limit: int = 100) -> list[tuple[SupportCase, list]]:
    """Cases with a step this user can take now (routine steps such as notes left out)."""
    return waiting_scan(user, limit)[0]


def waiting_scan(user, limit: int = 100) -> tuple[list[tuple[SupportCase, list]], int]:
    """`waiting_for`, and how many cases in a waiting state were left unread (0 when every
    one was looked at): the inbox says so and links to the full list."""
    waiting = cases_for(user).filter(status__in=CASE_FLOW.waiting_states()).order_by("pk")
    candidates = list(waiting[:WAITING_READ])
    result, read = [], 0
    for case in candidates:
        read += 1
        steps = CASE_FLOW.allowed(user, case, routine=False)
        if steps:
            result.append((case, steps))
        if len(result) >= limit:
            break
    unread = 0
    if read < len(candidates) or len(candidates) == WAITING_READ:
        unread = waiting.count() - read
    return result, unread


def payments_for(user, plan, window: Window | None = None) -> QuerySet[Payment]:
    """The plan's support payments the user may see, booked in `window` when given."""
    payments = restrict(Payment.objects.select_related(
        "contract__case__beneficiary", "contract__case__call_category__category"), user) \
        .filter(contract__case__call_category__call__plan=plan)
    if window is not None:
        payments = payments.filter(paid_on__gte=window.since, paid_on__lte=window.until)
    return payments.order_by("paid_on", "pk")


def payment_list(payments: QuerySet[Payment], *, year: int | None = None, category: str = "",
                 commune: int | None = None, query: str = "") -> QuerySet[Payment]:
    """`payments` (already in scope) filtered: the budget year, the case's category, the
    beneficiary's commune, words of the beneficiary's name or tax code, the case code or the
    liquidation number (without diacritics)."""
    if year is not None:
        payments = payments.filter(year=year)
    if category:
        payments = payments.filter(contract__case__call_category__category__code=category)
    if commune is not None:
        payments = payments.filter(contract__case__commune_id=commune)
    for word in search_key(query).split():
        payments = payments.filter(Q(contract__case__beneficiary__search_key__contains=word)
                                   | Q(contract__case__search_key__contains=word)
                                   | Q(liquidation_number__icontains=word))
    return payments

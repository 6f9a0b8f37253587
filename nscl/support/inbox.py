"""Support's part of "Việc chờ tôi": case steps a user can take now, and the applications a
council member still has to score."""

from django.urls import reverse
from django.utils.translation import gettext as _

from nscl.workflow.inbox import Task

from .choices import CaseStatus, CouncilStatus
from .models import SupportCase
from .permissions import applies_for_itself
from .selectors import cases_for, open_calls_for, waiting_for
from .services.calls import local_text


def case_tasks(user):
    for case, steps in waiting_for(user):
        deadline = case.contract.deadline if case.status == CaseStatus.CONTRACTED and hasattr(
            case, "contract") else None
        yield Task(group=_("Hồ sơ hỗ trợ"), title=f"{case.code} — {case.beneficiary.name}",
                   url=reverse("support:case_detail", args=[case.pk]),
                   state=case.get_status_display(), actions=tuple(str(t.label) for t in steps),
                   deadline=deadline)


def scoring_tasks(user):
    """Applications under review by a council the user sits on, not yet scored by them."""
    cases = (cases_for(user).filter(status=CaseStatus.UNDER_REVIEW,
                                    selection_council__members__user=user,
                                    selection_council__status=CouncilStatus.FORMED)
             .exclude(scores__member__user=user).select_related("selection_council"))
    for case in cases:
        yield Task(group=_("Hội đồng của tôi"), title=f"{case.code} — {case.beneficiary.name}",
                   url=reverse("support:council_detail", args=[case.selection_council_id]),
                   state=str(case.selection_council), actions=(_("Chấm điểm"),))


def call_tasks(user):
    """Calls open now to the user's enterprise that it has not applied to yet."""
    if not applies_for_itself(user):
        return
    applied = SupportCase.objects.filter(beneficiary__unit_id=user.unit_id).values(
        "call_category__call")
    for call in open_calls_for(user).exclude(pk__in=applied):
        yield Task(group=_("Đợt đang nhận hồ sơ"), title=call.title,
                   url=reverse("support:call_detail", args=[call.pk]),
                   state=_("Hạn nộp %(d)s") % {"d": local_text(call.closes_at)},
                   actions=(_("Nộp hồ sơ"),), deadline=call.deadline)


def tasks(user):
    yield from call_tasks(user)
    yield from case_tasks(user)
    yield from scoring_tasks(user)

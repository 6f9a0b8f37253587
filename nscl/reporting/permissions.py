"""Who may do what in reporting (allowed-or-why); state rules are in `workflow.py`."""

from django.utils.translation import gettext as _

from nscl.core.permissions import Decision, allow_if
from nscl.organisation.scope import manages_province, reports_for
from nscl.plans.models import Plan

from .models import Submission


def can_manage_reporting(user, plan: Plan) -> Decision:
    """Issue requests, review contributions, consolidate and send: the program office."""
    return allow_if(manages_province(user, plan.province),
                    _("Chỉ cơ quan điều hành Chương trình được làm việc này."))


def can_write_submission(user, submission: Submission) -> bool:
    """A unit's contribution: its own reporter, or the program office on its behalf."""
    return reports_for(user, submission.unit) or \
        manages_province(user, submission.request.plan.province)

"""What every URL of the site gives to whom, declared once for the access matrix test.

Each named URL of the URL conf is declared here (the matrix test fails on a URL that is not):
the model its object comes from, the scope action its GET and POST need (`restrict` decides
what is in scope: out of scope is 404), and the permission check — the same function the view
or its service calls — that decides between doing it and 403 for a user in scope.
"""

from dataclasses import dataclass, field

from nscl.activities.models import Event
from nscl.activities.permissions import can_import_attendance, can_record_people, can_use_events
from nscl.budget.models import BudgetLine
from nscl.budget.permissions import can_change_budget, can_use_budget_check, can_view_budget
from nscl.dashboard.permissions import can_use_dashboard
from nscl.enterprises.models import Beneficiary  # noqa: F401  (listed, not by id)
from nscl.enterprises.permissions import can_use_registry
from nscl.organisation.models import Unit
from nscl.organisation.permissions import can_use_units
from nscl.organisation.scope import office_province
from nscl.plans.models import Plan
from nscl.plans.permissions import can_change_plan, can_use_plans
from nscl.productivity.permissions import can_enter_series
from nscl.reporting.models import (
    ConsolidatedReport,
    ReportingRequest,
    ReportVersion,
    RequestTemplate,
    Submission,
    SubmissionAttachment,
)
from nscl.reporting.permissions import (
    can_compare_provinces,
    can_manage_reporting,
    can_use_reporting,
)
from nscl.reporting.selectors import plans_to_report_on
from nscl.reporting.workflow import REPORT_FLOW, REQUEST_FLOW, SUBMISSION_FLOW
from nscl.support.models import CaseDocument, Council, SupportCall, SupportCase
from nscl.support.permissions import (
    can_attach_document,
    can_declare,
    can_manage_support,
    can_read_minutes,
    can_score,
    can_start_application,
    can_use_call_list,
    can_use_cases,
    can_use_council_list,
    can_use_councils,
    can_use_open_calls,
)
from nscl.support.workflow import CALL_FLOW, CASE_FLOW, COUNCIL_FLOW
from nscl.traceability.models import Product, StampRoll
from nscl.traceability.permissions import (
    can_declare_products,
    can_manage_product,
    can_use_products,
)

VIEW, CHANGE = "view", "change"


@dataclass(frozen=True)
class Access:
    """What a request needs: the object in the scope of `action`, and `allowed(user, obj)`."""

    action: str = VIEW
    allowed: object = None  # (user, obj) -> bool; None: being in scope is enough
    missing: int = 404  # the answer when `allowed` says no (404 where even existence is hidden)


@dataclass(frozen=True)
class Route:
    model: type | None = None
    kwarg: str = "pk"
    extra: dict = field(default_factory=dict)
    get: Access | None = Access()
    post: Access | None = None  # None: the route takes no POST (405) or ignores it
    writes: bool = True  # a POST that is refused must leave no trace in the log
    api: bool = False  # REST: anonymous gets 401/403 instead of the login page


def _yes(user, obj):
    return True


def _budget_reader(user, plan):
    return bool(can_view_budget(user, plan))


def _declares(user, case):
    return bool(can_declare(user, case))


def _scores(user, case):
    """The score form, or the declaration it sends an undeclared member to first."""
    return bool(can_score(user, case)) or bool(can_declare(user, case))


def _uses(check):
    """A page of work offered in the menu to those `check` allows, 403 to the others."""
    return Access(allowed=lambda user, _o: bool(check(user)), missing=403)


def _page(check):
    return Route(get=_uses(check))


def _workflow(flow, action):
    return lambda user, obj: bool(flow.may(user, obj, action))


ROUTES: dict[str, Route] = {
    # organisation, home, inbox
    "home": Route(),
    "workflow:inbox": Route(),
    "organisation:unit_list": _page(can_use_units),
    "organisation:unit_detail": Route(Unit),
    # plans
    "plans:plan_list": _page(can_use_plans),
    "plans:plan_detail": Route(Plan),
    "plans:plan_edit": Route(Plan, get=Access(allowed=lambda u, p: bool(can_change_plan(u, p)),
                                             missing=403),
                             post=Access(allowed=lambda u, p: bool(can_change_plan(u, p)),
                                         missing=403)),
    "plans:plan_progress": Route(Plan),
    "plans:plan_history": Route(Plan),
    "plans:indicator_value_add": Route(Plan, get=None, post=Access()),
    # budget
    "budget:plan_budget": Route(Plan, "plan_pk", get=Access(allowed=_budget_reader)),
    "budget:budget_import": Route(Plan, "plan_pk", get=Access(
        allowed=lambda u, p: bool(can_change_budget(u, p)), missing=403), post=Access(
        allowed=lambda u, p: bool(can_change_budget(u, p)), missing=403)),
    "budget:budget_export": Route(Plan, "plan_pk", get=Access(allowed=_budget_reader)),
    "budget:budget_check": Route(get=_uses(can_use_budget_check), post=_uses(can_use_budget_check),
                                 writes=False),
    "budget:line_edit": Route(BudgetLine, get=Access(
        allowed=lambda u, line: bool(can_change_budget(u, line.appendix.plan)), missing=403)),
    # dashboard
    "dashboard:home": _page(can_use_dashboard),
    "dashboard:plan_dashboard": Route(Plan),
    # the budget chart: only for those who read the budget (it leaked to communes before)
    "dashboard:chart_png": Route(Plan, extra={"key": "budget"}, get=Access(allowed=_budget_reader)),
    # productivity
    "productivity:plan_tfp": Route(Plan, "plan_pk"),
    "productivity:plan_tfp_import": Route(Plan, "plan_pk", get=None, post=Access(
        allowed=lambda u, p: bool(can_enter_series(u, p.province)), missing=403)),
    # support
    "support:case_list": _page(can_use_cases),
    "support:case_new": Route(get=Access(allowed=lambda u, _o: bool(can_start_application(u)),
                                         missing=403)),
    "support:case_detail": Route(SupportCase),
    "support:case_step": Route(SupportCase, extra={"action": "screen"}, get=None,
                               post=Access(allowed=_workflow(CASE_FLOW, "screen"))),
    "support:council_detail": Route(Council),
    "support:calls_open": _page(can_use_open_calls),
    "support:call_list": _page(can_use_call_list),
    "support:call_detail": Route(SupportCall),
    "support:call_edit": Route(SupportCall, get=Access(
        allowed=_workflow(CALL_FLOW, "edit"), missing=403), post=Access(
        allowed=_workflow(CALL_FLOW, "edit"), missing=403)),
    "support:call_close": Route(SupportCall, get=None, post=Access(
        allowed=_workflow(CALL_FLOW, "close"))),
    "support:call_extend": Route(SupportCall, get=Access(
        allowed=_workflow(CALL_FLOW, "extend"), missing=403), post=Access(
        allowed=_workflow(CALL_FLOW, "extend"), missing=403)),
    "support:document_download": Route(CaseDocument, get=Access(action=CHANGE)),
    "support:document_add": Route(SupportCase, get=None, post=Access(
        allowed=lambda u, c: bool(can_attach_document(u, c)))),
    "support:my_councils": _page(can_use_councils),
    "support:council_list": _page(can_use_council_list),
    "support:case_declare": Route(SupportCase, get=Access(allowed=_declares, missing=403),
                                  post=Access(allowed=_declares, missing=403)),
    "support:case_score": Route(SupportCase, get=Access(allowed=_scores, missing=403),
                                post=Access(allowed=_scores, missing=403)),
    "support:council_minutes_edit": Route(Council, get=Access(
        allowed=_workflow(COUNCIL_FLOW, "record_minutes"), missing=403), post=Access(
        allowed=_workflow(COUNCIL_FLOW, "record_minutes"), missing=403)),
    "support:council_conclude": Route(Council, get=Access(
        allowed=_workflow(COUNCIL_FLOW, "conclude"), missing=403), post=Access(
        allowed=_workflow(COUNCIL_FLOW, "conclude"), missing=403)),
    "support:council_reopen": Route(Council, get=Access(
        allowed=_workflow(COUNCIL_FLOW, "reopen"), missing=403), post=Access(
        allowed=_workflow(COUNCIL_FLOW, "reopen"), missing=403)),
    # the chair's, for one member's score of one case (none named here: 404)
    "support:score_reopen": Route(Council, get=None, post=Access(allowed=lambda u, c: False)),
    "support:council_minutes": Route(Council, extra={"fmt": "docx"}, get=Access(
        allowed=lambda u, c: c.status == "concluded" and bool(can_read_minutes(u, c)))),
    "support:plan_support": Route(Plan, "plan_pk"),
    "support:plan_payments": Route(Plan, "plan_pk"),
    "support:call_new": Route(Plan, "plan_pk", get=Access(
        allowed=lambda u, p: bool(can_manage_support(u, p)), missing=403)),
    "support:council_new": Route(Plan, "plan_pk", get=Access(
        allowed=lambda u, p: bool(can_manage_support(u, p)), missing=403)),
    "support:approval_new": Route(Plan, "plan_pk", get=Access(
        allowed=lambda u, p: _approves(u, p), missing=403)),
    # enterprises
    "enterprises:beneficiary_list": _page(can_use_registry),
    "enterprises:beneficiary_new": Route(get=Access(
        allowed=lambda u, _o: office_province(u) is not None, missing=403)),
    "enterprises:beneficiary_import": Route(get=None, post=Access(
        allowed=lambda u, _o: office_province(u) is not None, missing=403)),
    # activities
    "activities:event_list": _page(can_use_events),
    "activities:event_new": Route(),
    "activities:event_detail": Route(Event),
    "activities:event_attendance": Route(Event, get=None, post=Access(
        allowed=lambda u, e: bool(can_import_attendance(u, e)))),
    "activities:plan_people": Route(Plan, "plan_pk", post=Access(
        allowed=lambda u, p: bool(can_record_people(u, p)), missing=403)),
    # reporting
    "reporting:inbox": _page(can_use_reporting),
    "reporting:request_new": Route(get=None, post=Access(
        allowed=lambda u, _o: plans_to_report_on(u).exists(), missing=403)),
    "reporting:request_detail": Route(ReportingRequest),
    "reporting:request_edit": Route(ReportingRequest, get=Access(
        allowed=_workflow(REQUEST_FLOW, "edit"), missing=403), post=Access(
        allowed=_workflow(REQUEST_FLOW, "edit"), missing=403)),
    "reporting:request_issue": Route(ReportingRequest, get=None, post=Access(
        allowed=_workflow(REQUEST_FLOW, "issue"))),
    "reporting:request_copy": Route(ReportingRequest, get=None, post=Access(
        allowed=lambda u, r: bool(can_manage_reporting(u, r.plan)))),
    "reporting:template_save": Route(ReportingRequest, get=None, post=Access(
        allowed=lambda u, r: bool(can_manage_reporting(u, r.plan)))),
    "reporting:template_make": Route(RequestTemplate, get=None, post=Access(
        allowed=lambda u, t: bool(can_manage_reporting(u, t.plan)))),
    "reporting:report_create": Route(ReportingRequest, get=None, post=Access(
        allowed=lambda u, r: bool(can_manage_reporting(u, r.plan)))),
    "reporting:submission_detail": Route(Submission, post=Access(
        allowed=_workflow(SUBMISSION_FLOW, "save"))),
    "reporting:submission_grid_xlsx": Route(Submission),
    "reporting:submission_grid_upload": Route(Submission, get=None, post=Access(
        allowed=_workflow(SUBMISSION_FLOW, "save"))),
    "reporting:submission_file": Route(Submission, extra={"fmt": "docx"}),
    "reporting:attachment_add": Route(Submission, get=None, post=Access(
        allowed=_workflow(SUBMISSION_FLOW, "attach"))),
    "reporting:attachment_download": Route(SubmissionAttachment),
    "reporting:attachment_remove": Route(SubmissionAttachment, get=None, post=Access(
        allowed=lambda u, a: bool(SUBMISSION_FLOW.may(u, a.submission, "attach")))),
    "reporting:submission_review": Route(Submission, get=None, post=Access(
        allowed=_workflow(SUBMISSION_FLOW, "accept"))),
    "reporting:submission_reopen": Route(Submission, get=None, post=Access(
        allowed=_workflow(SUBMISSION_FLOW, "reopen"))),
    "reporting:report_detail": Route(ConsolidatedReport, post=Access(
        allowed=_workflow(REPORT_FLOW, "edit"), missing=403)),
    "reporting:report_file": Route(ConsolidatedReport, extra={"fmt": "xlsx"}, get=Access(
        allowed=lambda u, r: bool(can_manage_reporting(u, r.request.plan)), missing=403)),
    **{f"reporting:report_{step}": Route(ConsolidatedReport, get=None, post=Access(
        allowed=_workflow(REPORT_FLOW, action), missing=403))
       for step, action in (("freeze", "freeze"), ("unfreeze", "unfreeze"), ("sign", "sign"),
                            ("upload_signed", "sign"), ("send", "send"),
                            ("correct", "correct"))},
    "reporting:version_file": Route(ReportVersion, extra={"fmt": "xlsx"}),
    "reporting:compare": Route(get=Access(allowed=lambda u, _o: bool(can_compare_provinces(u)),
                                          missing=403)),
    # traceability (back office)
    "traceability:product_list": _page(can_use_products),
    "traceability:product_new": Route(get=Access(
        allowed=lambda u, _o: bool(can_declare_products(u)), missing=403)),
    "traceability:product_detail": Route(Product),
    "traceability:product_edit": Route(Product, get=Access(
        allowed=lambda u, p: bool(can_manage_product(u, p)), missing=403)),
    "traceability:batch_new": Route(Product, get=None, post=Access(
        allowed=lambda u, p: bool(can_manage_product(u, p)))),
    "traceability:roll_issue": Route(Product, get=None, post=Access(
        allowed=lambda u, p: bool(can_manage_product(u, p)))),
    "traceability:event_record": Route(Product, get=None, post=Access(
        allowed=lambda u, p: bool(can_manage_product(u, p)), missing=403)),
    "traceability:roll_progress": Route(StampRoll),
    "traceability:roll_status": Route(StampRoll, get=None, post=Access()),
    "traceability:roll_resume": Route(StampRoll, get=None, post=Access(
        allowed=lambda u, r: bool(can_manage_product(u, r.product)), missing=403)),
    "traceability:roll_file": Route(StampRoll, extra={"fmt": "csv"}, get=Access(CHANGE)),
    "traceability:scan_review": Route(),
    "traceability:epcis_events": Route(api=True),
    "traceability:epcis_export": Route(api=True),
}

# Routes outside the matrix, each with the reason.
NOT_IN_MATRIX = {
    "login": "the login page itself",
    "logout": "ends the session",
    "set_language": "a preference, no data",
    "resolve": "public resolver: tested in traceability with real stamps",
    "resolve_lot": "public resolver: tested in traceability with real stamps",
    "gs1resolver": "public description file",
    "product_image": "public: a published product's image (restrict for anonymous)",
    "bare": "health check",
    "health_web": "health check (counts only, no data): tested in nscl/jobs",
    "health_db": "health check (counts only, no data): tested in nscl/jobs",
    "health_worker": "health check (counts only, no data): tested in nscl/jobs",
    "jobs:job_detail": "a job by its UUID, scoped by its kind's owner: tested in nscl/jobs",
    "jobs:job_progress": "a job by its UUID, scoped by its kind's owner: tested in nscl/jobs",
    "jobs:job_retry": "a job by its UUID, scoped by its kind's owner: tested in nscl/jobs",
    "jobs:job_download": "a job by its UUID, scoped by its kind's owner: tested in nscl/jobs",
    "traceability:epcis_capture": "REST capture: tested in traceability (scope of each event)",
    "traceability:epcis_capture_job": "a job by its UUID: tested in traceability",
    "traceability:epcis_upload": "a file upload through the capture: tested in traceability",
    "resolve_compressed": "public resolver (a compressed Digital Link): conformance tests",
    "health": "health check of the database and the scan log (no personal data)",
    "pin_check": "public: a stamp's scratch-off PIN, tries limited (test_recalls_pins)",
    "public_product": "public: a published product's page (restrict for anonymous)",
    "public_certification": "public: a published product's standards and certifications",
    "public_recall": "public: a published product's recall status (gs1:recallStatus)",
    "public_lot": "public: a published product's lot page",
    "public_journey": "public: a published product's lot journey (gs1:traceability)",
    "public_lot_recall": "public: a published product's lot recall status",
    "traceability:recall_new": "needs a lot of the product: scope, permission and log tested "
                               "in test_recalls_pins",
    "traceability:recall_detail": "a recall in the scope of its product (another province: "
                                  "404), tested in test_recalls_pins",
    "traceability:recall_step": "a workflow step (the engine checks who may), tested in "
                                "test_recalls_pins",
}


def _approves(user, plan) -> bool:
    from nscl.support.choices import CaseStatus
    from nscl.support.selectors import cases_for

    case = cases_for(user).filter(call_category__call__plan=plan,
                                  status=CaseStatus.RECOMMENDED).first()
    return case is not None and bool(CASE_FLOW.may(user, case, "approve"))

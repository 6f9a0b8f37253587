"""The scope rules on data of their own: two provinces built by the factories, every role of one
of them against every kind of record of both. Nothing here depends on the demo's records."""

from types import SimpleNamespace

import pytest

from nscl.activities.models import Event
from nscl.activities.tests.factories import event
from nscl.budget.models import Appendix
from nscl.budget.tests.factories import appendix_with_support_lines
from nscl.enterprises.models import Beneficiary
from nscl.enterprises.tests.factories import beneficiary
from nscl.organisation.choices import Role
from nscl.organisation.scope import CHANGE, restrict
from nscl.organisation.tests.factories import (
    CommuneFactory,
    DepartmentFactory,
    UnitFactory,
    UserFactory,
)
from nscl.plans.models import Plan
from nscl.plans.tests.factories import PlanFactory
from nscl.reporting.models import ReportingRequest, Submission
from nscl.reporting.tests.factories import reporting_request
from nscl.support.choices import CouncilRole
from nscl.support.models import Council, CouncilMember, SupportCall, SupportCase
from nscl.support.tests.factories import application, open_call
from nscl.traceability.models import Product
from nscl.traceability.tests.factories import product


def _province():
    """A province with two communes, a department, a plan, its budget, a call, an enterprise of
    the first commune that applied, a council, an event of each commune, a product and a
    reporting request to both communes."""
    w = SimpleNamespace(province=UnitFactory())
    w.commune1 = CommuneFactory(parent=w.province)
    w.commune2 = CommuneFactory(parent=w.province)
    w.department = DepartmentFactory(parent=w.province)
    w.plan = PlanFactory(province=w.province)
    w.appendix = appendix_with_support_lines(w.plan)
    w.call = open_call(w.plan, w.appendix)
    w.firm = beneficiary(w.commune1)
    w.other_firm = beneficiary(w.commune2)
    w.case = application(w.call, w.firm)
    w.other_case = application(w.call, w.other_firm)
    w.event1 = event(w.plan, w.commune1, title="Hội thảo xã một")
    w.event2 = event(w.plan, w.commune2, title="Hội thảo xã hai")
    w.product = product(w.firm)
    w.request = reporting_request(w.plan, w.department, [w.commune1, w.commune2])
    people = {"office": (Role.PROGRAM_OFFICE, w.department), "leader": (Role.LEADERSHIP,
                                                                       w.province),
              "viewer": (Role.VIEWER, w.province), "reporter": (Role.UNIT_REPORTER, w.commune1),
              "firm": (Role.BENEFICIARY, w.firm.unit), "member": (Role.COUNCIL_MEMBER,
                                                                  w.department)}
    w.users = {key: UserFactory(role=role, unit=unit) for key, (role, unit) in people.items()}
    w.council = Council.objects.create(plan=w.plan, kind="selection", name="Hội đồng thử",
                                       decision_number="1/QĐ-SKHCN", decision_date="2024-03-01")
    CouncilMember.objects.create(council=w.council, user=w.users["member"],
                                 role=CouncilRole.MEMBER)
    SupportCase.objects.filter(pk=w.case.pk).update(selection_council=w.council)
    return w


@pytest.fixture
def worlds(db):
    return _province(), _province()


def _seen(user, model, action="view"):
    return set(restrict(model.objects.all(), user, action).values_list("pk", flat=True))


def test_each_role_sees_its_own_province_and_no_other(worlds):
    a, b = worlds
    province_wide = {"office", "leader", "viewer"}
    for key, user in a.users.items():
        plans = _seen(user, Plan)
        assert a.plan.pk in plans and b.plan.pk not in plans, key  # plans: public in province
        budgets = _seen(user, Appendix)
        assert (a.appendix.pk in budgets) is (key in province_wide) and b.appendix.pk not in \
            budgets, key
        calls = _seen(user, SupportCall)
        assert a.call.pk in calls and b.call.pk not in calls, key
        for model in (SupportCase, Event, Product, ReportingRequest, Submission, Council):
            assert not _seen(user, model) & set(model.objects.filter(pk__in=_pks_of(b, model))
                                                .values_list("pk", flat=True)), (key, model)


def _pks_of(world, model):
    return {SupportCase: [world.case.pk, world.other_case.pk],
            Event: [world.event1.pk, world.event2.pk], Product: [world.product.pk],
            ReportingRequest: [world.request.pk],
            Submission: list(world.request.submissions.values_list("pk", flat=True)),
            Council: [world.council.pk]}[model]


def test_within_a_province_each_role_sees_its_part(worlds):
    a, _b = worlds
    u = a.users
    assert _seen(u["reporter"], SupportCase) == {a.case.pk}  # its commune's enterprise only
    assert _seen(u["firm"], SupportCase) == {a.case.pk}  # its own
    assert _seen(u["member"], SupportCase) == {a.case.pk}  # its council's
    assert _seen(u["office"], SupportCase) == {a.case.pk, a.other_case.pk}
    assert _seen(u["reporter"], Event) == {a.event1.pk}
    assert _seen(u["firm"], Event) == set() and _seen(u["member"], Event) == set()
    assert _seen(u["reporter"], Submission) == set(
        a.request.submissions.filter(unit=a.commune1).values_list("pk", flat=True))
    assert _seen(u["firm"], Product) == {a.product.pk} and _seen(u["reporter"], Product) == set()
    assert _seen(u["reporter"], Beneficiary) == {a.firm.pk}
    assert _seen(u["member"], Council) == {a.council.pk} and _seen(u["firm"], Council) == set()


def test_who_may_change_what(worlds):
    a, b = worlds
    u = a.users
    assert _seen(u["office"], Product, CHANGE) == {a.product.pk}
    assert _seen(u["firm"], Product, CHANGE) == {a.product.pk}
    for key in ("leader", "viewer", "reporter", "member"):
        assert _seen(u[key], Product, CHANGE) == set(), key
        assert _seen(u[key], Plan, CHANGE) == set(), key
    assert _seen(u["reporter"], Submission, CHANGE) == set(
        a.request.submissions.filter(unit=a.commune1).values_list("pk", flat=True))
    assert _seen(u["reporter"], Event, CHANGE) == {a.event1.pk}
    assert b.plan.pk not in _seen(u["office"], Plan, CHANGE)


def test_the_ministry_reads_everything_but_personal_data_and_drafts(worlds):
    a, b = worlds
    ministry = UserFactory(role=Role.MINISTRY, unit=a.province.parent)
    assert {a.plan.pk, b.plan.pk} <= _seen(ministry, Plan)
    assert {a.case.pk, b.case.pk} <= _seen(ministry, SupportCase)
    assert not {a.request.pk, b.request.pk} & _seen(ministry, ReportingRequest)
    assert _seen(ministry, Plan, CHANGE) == set()

"""Small worlds built by the factories, for tests that must not lean on the demo's records
(tests that commit, after which the database is emptied)."""

from types import SimpleNamespace

from django.utils import timezone

from nscl.budget.tests.factories import appendix_with_support_lines
from nscl.enterprises.tests.factories import beneficiary
from nscl.organisation.choices import Role
from nscl.organisation.tests.factories import (
    CommuneFactory,
    DepartmentFactory,
    UnitFactory,
    UserFactory,
)
from nscl.plans.tests.factories import PlanFactory
from nscl.support.tests.factories import open_call


def small_province():
    """A province of its own: a commune, the office's department, a plan with a budget, an
    open call of this year requiring the commitment, and an enterprise of the commune."""
    w = SimpleNamespace(province=UnitFactory())
    w.commune = CommuneFactory(parent=w.province)
    w.department = DepartmentFactory(parent=w.province)
    w.plan = PlanFactory(province=w.province)
    w.year = timezone.localdate().year
    w.appendix = appendix_with_support_lines(w.plan, w.year, w.year)
    w.call = open_call(w.plan, w.appendix, year=w.year, required=("commitment",))
    w.firm = beneficiary(w.commune)
    w.office = UserFactory(role=Role.PROGRAM_OFFICE, unit=w.department)
    w.firm_user = UserFactory(role=Role.BENEFICIARY, unit=w.firm.unit)
    return w

"""Committed query budgets (NetBox's query_counts.json, Zulip's exact counts): every list page,
the inboxes and the dashboard, for the roles that see the most. A page whose count grows fails
here (update `query_counts.json` in the same commit, where the growth is reviewed); a page whose
count changes when records are added has an N+1 and fails too."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nscl.activities.tests.factories import event
from nscl.budget.models import Appendix
from nscl.enterprises.tests.factories import beneficiary
from nscl.organisation.models import Unit
from nscl.support.tests.factories import application, open_call
from nscl.traceability.tests.factories import product

BUDGETS = json.loads((Path(__file__).parent / "query_counts.json").read_text())


def _url(name: str, plan) -> str:
    return reverse(name, args=[plan.pk]) if name.startswith("dashboard:") or name in {
        "plans:plan_history", "budget:plan_budget"} else reverse(name)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def _more_records(plan, n: int) -> None:
    """n more enterprises (each with an application and a product) and n more events in the
    plan's province."""
    communes = list(Unit.objects.filter(kind="commune", parent__code="92")[:n])
    call = open_call(plan, Appendix.objects.get(plan=plan, code="Phụ lục I"), year=2024)
    for i, commune in enumerate(communes):
        firm = beneficiary(commune)
        application(call, firm)
        product(firm, name=f"Sản phẩm thử {i}")
        event(plan, commune, title=f"Hội thảo thử {i}")


@pytest.mark.parametrize("role,name", [(role, name) for role, pages in sorted(BUDGETS.items())
                                       for name in sorted(pages)])
def test_query_budgets(client, users, soc_trang, role, name):
    budget = BUDGETS[role][name]
    client.force_login(users[role])
    url = _url(name, soc_trang)
    before = _count(client, url)
    assert before <= budget, f"{name} as {role}: {before} queries, budget {budget}"
    _more_records(soc_trang, 6)
    after = _count(client, url)
    assert after == before, f"{name} as {role}: {before} → {after} queries with more records"

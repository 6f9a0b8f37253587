"""The demo: the 2025 administrative map, the units of the seeds, the Sóc Trăng plan of seed 003
(both phases' targets, task groups, both budget appendices exactly as published, errors
included) and the Tuyên Quang plan of seed 004, demo accounts for every role and illustrative
indicator values (marked as such in their source note).

Idempotent: units and users are upserted; a plan that already exists is left as it is.
"""

import datetime as dt
from decimal import Decimal
from importlib import resources

from django.db import transaction

from nscl.budget.io.text import read_text
from nscl.budget.services import budget_document_import
from nscl.budget.sheet import AppendixData, BudgetDocument, LineData
from nscl.organisation.choices import UnitKind
from nscl.organisation.models import Unit
from nscl.organisation.services import (
    REFORM_DATE,
    administrative_map_load,
    unit_upsert,
    user_upsert,
)
from nscl.plans.choices import Direction, IndicatorKind, ValueSource
from nscl.plans.models import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Phase,
    Plan,
    TaskAssignment,
    TaskGroup,
)
from nscl.productivity.services import series_import
from nscl.support.choices import CouncilRole

from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from .activities_demo import load_soc_trang_activities, load_tuyen_quang_activities
from .data import QUANG_NGAI, SOC_TRANG, TUYEN_QUANG, UNITS
from .reporting_demo import load_reporting
from .support_demo import PRODUCTS, TQ_PRODUCTS, load_support_demo
from .traceability_demo import load_traceability

DEMO_NOTE = "Số liệu minh họa (demo), không lấy từ văn bản gốc"


def source_text(name: str) -> str:
    return resources.files("nscl.demo").joinpath(f"sources/{name}").read_text(encoding="utf-8")


@transaction.atomic
def load_demo() -> dict:
    summary = administrative_map_load()
    units = _load_units()
    users = _load_users(units)
    summary["plans_created"] = sum(_load_plan(spec, units, users) for spec in
                                   (SOC_TRANG, TUYEN_QUANG, QUANG_NGAI))
    summary["users"] = len(users)
    summary["cases_created"] = _load_support(users)
    summary["series_years"] = _load_series(users)
    summary["events_created"] = (
        load_soc_trang_activities(Plan.objects.get(province__code="cu-94"), users, units)
        + load_tuyen_quang_activities(Plan.objects.get(province__code="08"), users, units))
    summary["requests_created"] = load_reporting(users, units)
    summary["products_created"] = load_traceability(users)
    return summary


def _load_support(users: dict) -> int:
    soc_trang = Plan.objects.get(province__code="cu-94")
    tuyen_quang = Plan.objects.get(province__code="08")
    _tuyen_quang_support_budget(tuyen_quang)
    cantho = {"office": users["vanphong.cantho"], "leader": users["lanhdao.cantho"],
              "own_unit": users["doanhnghiep.cantho"].unit,
              "members": [(users["chutich.cantho"], CouncilRole.CHAIR),
                          (users["thuky.cantho"], CouncilRole.SECRETARY),
                          (users["hoidong.cantho"], CouncilRole.MEMBER)]}
    tuyenquang = {"office": users["vanphong.tuyenquang"], "leader": users["lanhdao.tuyenquang"],
                  "members": [(users["vanphong.tuyenquang"], CouncilRole.CHAIR),
                              (users["thuky.tuyenquang"], CouncilRole.SECRETARY)]}
    return (load_support_demo(soc_trang, cantho, years=range(2022, 2026),
                              per_year={"5.1": 6, "5.2": 3, "5.3": 1, "5.4": 1},
                              products=PRODUCTS, count=30, seed=1322)
            + load_support_demo(tuyen_quang, tuyenquang, years=range(2022, 2026),
                                per_year={"5.1": 3, "5.2": 2}, products=TQ_PRODUCTS,
                                count=12, seed=2022))


def _load_series(users) -> int:
    """Illustrative growth series of Sóc Trăng 2015–2025 (see demo/sources/README.md)."""
    province = Unit.objects.get(code="cu-94")
    if province.economic_years.exists():
        return 0
    name = "tang-truong-soc-trang-2015-2025.csv"
    return series_import(province=province, name=name,
                         content=source_text(name).encode("utf-8"), actor=users["vanphong.cantho"],
                         source="Số liệu minh họa (demo), không phải số liệu thống kê chính thức")


def _tuyen_quang_support_budget(plan) -> None:
    """Seed 004 publishes no appendix; the demo gives Tuyên Quang an illustrative one so that its
    calls have budget lines (its title says it is illustrative)."""
    if plan.appendices.exists():
        return
    years = [2022, 2023, 2024, 2025]
    def line(code, content, unit, qty, price, per_year):
        return LineData(code=code, content=content, unit=unit,
                        quantity=Decimal(qty) if qty else None,
                        unit_price=Decimal(price) if price else None,
                        total=Decimal(per_year * 4), years={y: Decimal(per_year) for y in years})
    lines = [line("5", "Hỗ trợ doanh nghiệp", "", 0, 0, 255),
             line("5.1", "Hỗ trợ doanh nghiệp xây dựng, công bố tiêu chuẩn, hợp chuẩn, hợp quy",
                  "Lượt", 16, 18, 72),
             line("5.2", "Hỗ trợ doanh nghiệp áp dụng hệ thống quản lý, công cụ cải tiến, truy "
                  "xuất nguồn gốc", "Lượt", 8, 91.5, 183)]
    grand = line("", "Tổng cộng", "", 0, 0, 255)
    grand.is_grand_total = True
    appendix = AppendixData(code="Phụ lục (minh họa)",
                            title="DỰ TOÁN HỖ TRỢ DOANH NGHIỆP 2022 - 2025 (SỐ LIỆU MINH HỌA)",
                            years=years, lines=[*lines, grand])
    budget_document_import(plan=plan, document=BudgetDocument(appendices=[appendix],
                                                               source="NSCL demo"), actor=None)


def _load_units() -> dict[str, Unit]:
    units = {u.code: u for u in Unit.objects.filter(code__in=["BKHCN", "92", "08", "51",
                                                              "cu-94", "cu-02", "cu-62"])}
    for code, name, kind, parent, successor in UNITS:
        extra = {"source": "NSCL demo"}
        if successor:
            extra |= {"successor": units[successor], "valid_until": REFORM_DATE - dt.timedelta(1)}
        units[code] = unit_upsert(code=code, name=name, kind=kind, parent=units[parent], **extra)
    for name in ("Xã Ba Dinh", "Xã Ba Vì", "Xã Ba Tơ"):
        units[f"qn:{name}"] = Unit.objects.get(kind=UnitKind.COMMUNE, parent=units["51"],
                                               name=name)
    communes = list(Unit.objects.filter(kind=UnitKind.COMMUNE, parent=units["92"])
                    .order_by("code")[:2])
    units["commune:1"], units["commune:2"] = communes
    units["92-DN-001"] = unit_upsert(code="92-DN-001", name="HTX Nông nghiệp Mỹ Xuyên",
                                     kind=UnitKind.ENTERPRISE, parent=communes[0],
                                     source="NSCL demo")
    return units


def _load_users(units: dict[str, Unit]) -> dict:
    return {a["username"]: user_upsert(
        username=a["username"], password=DEMO_PASSWORD, full_name=a["full_name"],
        role=a["role"], unit=units[a["unit"]], is_superuser=a.get("superuser", False))
        for a in DEMO_ACCOUNTS}


def _load_plan(spec: dict, units: dict[str, Unit], users: dict) -> int:
    province = units[spec["province"]]
    if Plan.objects.filter(province=province, title=spec["title"]).exists():
        return 0
    plan = Plan.objects.create(
        province=province, program_office=units[spec["program_office"]],
        **{k: spec[k] for k in ("number", "symbol", "issued_on", "issuing_body", "title",
                                 "signer_authority", "signer_title", "signer_name",
                                 "start_year", "end_year", "total_budget", "funding_note")})
    phases = {p[0]: Phase.objects.create(plan=plan, name=f"Giai đoạn {p[0]} – {p[1]}",
                                         start_year=p[0], end_year=p[1], stated_budget=p[2])
              for p in spec["phases"]}
    for order, (title, description, assignments) in enumerate(spec["task_groups"], start=1):
        group = TaskGroup.objects.create(plan=plan, order=order, title=title,
                                         description=description)
        for code, role, note in assignments:
            TaskAssignment.objects.create(task_group=group, unit=units[code], role=role,
                                          note=note)
    for order, ind in enumerate(spec["indicators"], start=1):
        _load_indicator(plan, phases, order, ind, units, users[spec["reporter"]])
    if spec.get("appendix_source"):
        document = read_text(source_text(spec["appendix_source"]), source=spec["appendix_source"])
        budget_document_import(plan=plan, document=document, actor=None)
    return 1


def _load_indicator(plan, phases, order, ind, units, reporter) -> None:
    indicator = Indicator.objects.create(
        plan=plan, order=order, name=ind["name"], measure_unit=ind["unit"],
        kind=ind.get("kind", IndicatorKind.COUNT), direction=ind.get("direction",
                                                                     Direction.AT_LEAST),
        is_cumulative=ind.get("kind", IndicatorKind.COUNT) == IndicatorKind.COUNT,
        source=ValueSource.COMPUTED if "computation" in ind else ValueSource.MANUAL,
        computation=ind.get("computation", ("", ""))[0],
        computation_param=ind.get("computation", ("", ""))[1],
        source_note=ind.get("source_note", ""),
        plan_wording=ind["wording"])
    for start, value in ind["targets"].items():
        IndicatorTarget.objects.create(indicator=indicator, phase=phases[start],
                                       value=Decimal(value))
    for (unit_code, year), value in ind.get("values", {}).items():
        IndicatorValue.objects.create(indicator=indicator, unit=units[unit_code], year=year,
                                      value=Decimal(value), source_note=DEMO_NOTE,
                                      entered_by=reporter)



"""Every list page: search ignoring diacritics, its filters (year, state, commune, category),
and pages whose links keep the filters — no row cut off (600 rows are all reachable)."""

import re
from html import unescape

import pytest
from django.urls import reverse

from nscl.core.text import search_key
from nscl.enterprises.models import Beneficiary
from nscl.organisation.models import Unit
from nscl.organisation.scope import communes_for
from nscl.plans.selectors import plans_for
from nscl.support.selectors import cases_for
from nscl.traceability.models import Product

OFFICE = "vanphong.cantho"


def _office_user():
    from nscl.organisation.models import User
    return User.objects.select_related("unit").get(username=OFFICE)


def _rows(html: str, table_id: str | None = None) -> str:
    """The table's HTML (the first data table when no id is given)."""
    opening = f'<table class="data" id="{table_id}"' if table_id else '<table class="data"'
    match = re.search(re.escape(opening) + r".*?</table>", html, re.S)
    return match.group(0)


def _get(client, name, **params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200, (name, params)
    return response.content.decode()


def _next_link(html: str) -> str | None:
    match = re.search(r'<a href="(\?[^"]*)" rel="next">', html)
    return unescape(match.group(1)) if match else None


@pytest.fixture
def office(client, users):
    client.force_login(users[OFFICE])
    return client


def test_search_ignores_diacritics_on_every_searchable_list(office, client, users):
    for name, accented, plain, expected in (
            ("enterprises:beneficiary_list", "Mỹ Xuyên", "my xuyen", "HTX Nông nghiệp Mỹ Xuyên"),
            ("traceability:product_list", "Gạo thơm", "gao thom", "Gạo thơm ST25 Mỹ Xuyên"),
            ("plans:plan_list", "Sóc Trăng", "soc trang", "Sóc Trăng"),
            ("organisation:unit_list", "Cần Thơ", "can tho", "Cần Thơ")):
        with_marks = _rows(_get(office, name, q=accented))
        without = _rows(_get(office, name, q=plain))
        assert expected in with_marks and expected in without, name
        assert with_marks == without, name
    client.force_login(users["bo.khcn"])
    assert "Quảng Ngãi" in _rows(_get(client, "organisation:unit_list", q="quang ngai"))


def test_the_case_list_filters_by_state_category_year_and_commune(office):
    sample = cases_for(_office_user()).order_by("pk").first()
    form = _get(office, "support:case_list")
    for label in ("Trạng thái", "Nhóm", "Năm", "Xã, phường", "Tìm kiếm"):
        assert re.search(rf'<label for="loc-[a-z]+">{label}</label>', form), label
    by_status = _rows(_get(office, "support:case_list", status=sample.status))
    assert sample.code in by_status
    other = next(s for s in ("draft", "withdrawn", "liquidated", "rejected")
                 if s != sample.status)
    assert sample.code not in _rows(_get(office, "support:case_list", status=other))
    category = sample.call_category.category.code
    assert sample.code in _rows(_get(office, "support:case_list", category=category))
    assert sample.code not in _rows(_get(office, "support:case_list", category=next(
        c for c in ("5.1", "5.2", "5.3", "5.4") if c != category)))
    year = sample.call_category.call.year
    assert sample.code in _rows(_get(office, "support:case_list", year=year))
    other_year = 2030 if year < 2030 else 2021
    assert sample.code not in _rows(_get(office, "support:case_list", year=other_year))
    assert sample.code in _rows(_get(office, "support:case_list", xa=sample.commune_id))
    elsewhere = next(pk for pk, _name in communes_for(_office_user()) if pk != sample.commune_id)
    assert sample.code not in _rows(_get(office, "support:case_list", xa=elsewhere))


def test_the_registry_product_event_plan_and_unit_filters(office):
    firm = Beneficiary.objects.get(name="HTX Nông nghiệp Mỹ Xuyên")
    html = _get(office, "enterprises:beneficiary_list", loai=firm.kind, xa=firm.commune_id)
    assert firm.name in _rows(html)
    assert firm.name not in _rows(_get(office, "enterprises:beneficiary_list", loai="household"))
    assert 'selected' in re.search(r'<select name="xa".*?</select>', html, re.S).group(0)

    rice = Product.objects.get(name="Gạo thơm ST25 Mỹ Xuyên")
    assert rice.name in _rows(_get(office, "traceability:product_list",
                                   nhan_hieu=rice.trademark_status, xa=rice.place_id))
    other = next(v for v in ("none", "registered", "pending", "granted")
                 if v != rice.trademark_status)
    assert rice.name not in _rows(_get(office, "traceability:product_list", nhan_hieu=other))

    events = _get(office, "activities:event_list", year=2024, kind="training")
    dates = re.findall(r"<td>\d\d/\d\d/(\d{4})</td>", _rows(events, "events"))
    assert dates and set(dates) == {"2024"}
    assert "Tập huấn" in events or "Đào tạo" in events

    for year in (2021, 2026, 2030):
        expected = plans_for(_office_user()).filter(start_year__lte=year,
                                                    end_year__gte=year).count()
        assert len(re.findall(r'href="/ke-hoach/\d+/"', _rows(_get(
            office, "plans:plan_list", year=year)))) == expected, year

    communes = _rows(_get(office, "organisation:unit_list", loai="commune"))
    assert "Xã, phường, đặc khu" in communes and "Sở, ban, ngành" not in communes


def test_an_unknown_filter_value_is_ignored_not_an_error(office):
    for name, params in (("support:case_list", {"year": "²", "category": "9.9"}),
                         ("enterprises:beneficiary_list", {"xa": "abc", "trang": "x"}),
                         ("plans:plan_list", {"year": "1800", "trang": "999"})):
        assert office.get(reverse(name), params).status_code == 200


def test_600_enterprises_of_one_commune_are_all_reachable_page_by_page_keeping_filters(
        office):
    commune = Unit.objects.get(pk=communes_for(_office_user())[3][0])
    units = Unit.objects.bulk_create([
        Unit(code=f"DN-TRANG-{n:03d}", name=f"Hộ kinh doanh Trang {n:03d}", kind="enterprise",
             parent=commune, path=f"{commune.path}DN-TRANG-{n:03d}/",
             search_key=search_key(f"Hộ kinh doanh Trang {n:03d}")) for n in range(600)])
    Beneficiary.objects.bulk_create([
        Beneficiary(unit=unit, kind="household", name=unit.name, name_key=unit.search_key,
                    commune=commune, address=commune.name,
                    search_key=search_key(unit.name, commune.name)) for unit in units])
    before = Beneficiary.objects.filter(commune=commune, kind="household").count()
    assert before >= 600

    url = reverse("enterprises:beneficiary_list")
    html = _get(office, "enterprises:beneficiary_list", xa=commune.pk, loai="household",
                q="ho kinh doanh")
    seen, pages = [], 0
    while True:
        pages += 1
        seen += re.findall(r"<tr><td>(Hộ kinh doanh Trang \d{3})</td>", html)
        link = _next_link(html)
        if link is None:
            break
        assert f"xa={commune.pk}" in link and "loai=household" in link and "q=ho+kinh+doanh" in link
        html = office.get(url + link).content.decode()
        if pages == 1:
            assert 'aria-current="page">2<' in html  # page 2, filters still applied
            assert '<option value="household" selected>' in html
    assert pages >= 12
    assert sorted(seen) == [f"Hộ kinh doanh Trang {n:03d}" for n in range(600)]
    assert "600" in html  # the total is shown, not a cut at 500


def test_the_reporting_inbox_searches_filters_and_pages_its_contributions(client, users):
    client.force_login(users["vanphong.quangngai"])
    url = reverse("reporting:inbox")

    def units(**params):
        html = client.get(url, params).content.decode()
        return re.findall(r"</span></td><td>([^<]+)</td>", _rows(html, "inbox"))

    everyone = units()
    assert "Xã Ba Dinh" in everyone and "Xã Ba Vì" in everyone
    assert units(q="ba dinh") == units(q="Ba Dinh") == ["Xã Ba Dinh"]
    accepted = units(status="accepted")
    assert "Xã Ba Dinh" in accepted and "Xã Ba Vì" not in accepted
    assert units(year=2030) == []
    html = client.get(url).content.decode()
    for label in ("Trạng thái", "Năm", "Tìm kiếm"):
        assert re.search(rf'<label for="loc-[a-z_]+">{label}</label>', html), label

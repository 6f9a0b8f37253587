"""The support lists that page, search and filter through `core.listing`: the office's calls
(every state), the calls open to an enterprise, the councils and "Hội đồng của tôi". Each is
filled past one page and walked to its last row by its "next" links; search ignores diacritics;
every filter narrows; a filter pointing out of the user's scope shows nothing of it."""

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from nscl.budget.models import Appendix
from nscl.core.listing import PER_PAGE
from nscl.support.models import Council, CouncilMember
from nscl.support.services.calls import call_close, call_open
from nscl.support.services.catalogue import categories_ensure

MORE = PER_PAGE + 7  # more rows than one page


def _table(html: str, table_id: str) -> str:
    return re.search(rf'<table class="data" id="{table_id}".*?</table>', html, re.S).group(0)


def _next(html: str) -> str | None:
    match = re.search(r'<a href="(\?[^"]*)" rel="next">', html)
    return unescape(match.group(1)) if match else None


def _walk(client, url: str, params: dict, table_id: str, pattern: str) -> tuple[list, int]:
    """Every row matching `pattern` on every page, reached by the "next" links only."""
    html = client.get(url, params).content.decode()
    seen, pages = [], 0
    while True:
        pages += 1
        seen += re.findall(pattern, _table(html, table_id))
        link = _next(html)
        if link is None:
            return seen, pages
        for key in params:  # the filters travel with the page links
            assert f"{key}=" in link, (key, link)
        html = client.get(url + link).content.decode()


def _names(client, url: str, table_id: str, pattern: str, **params) -> list[str]:
    response = client.get(url, params)
    assert response.status_code == 200, (url, params)
    return re.findall(pattern, _table(response.content.decode(), table_id))


def _labels(html: str) -> set[str]:
    return set(re.findall(r'<label for="loc-[a-z_]+">([^<]+)</label>', html))


def _calls(plan, office, *, opens, closes, title: str, n: int = MORE) -> list:
    """n calls of the plan, 5.1 for the even ones and 5.2 for the odd; every fifth closed."""
    appendix = Appendix.objects.get(plan=plan, code="Phụ lục I")
    lines = {line.code: line for line in appendix.lines.all()}
    categories = categories_ensure()
    made = []
    for i in range(n):
        code = "5.1" if i % 2 == 0 else "5.2"
        call = call_open(plan=plan, year=2025, title=f"{title} {i:03d}", opens_on=opens,
                         deadline=closes, actor=office,
                         categories=[(categories[code], lines[code], Decimal(50))],
                         description="Hỗ trợ áp dụng hệ thống quản lý chất lượng")
        if i % 5 == 4:
            call_close(call=call, actor=office)
        made.append(call)
    return made


CALL_ROW = r'<a href="/ho-tro/dot/\d+/">([^<]+)</a>'


def test_the_offices_calls_page_by_page_search_and_filters(client, users, soc_trang):
    office = users["vanphong.cantho"]
    _calls(soc_trang, office, opens=dt.date(2025, 3, 1), closes=dt.date(2025, 4, 30),
           title="Đợt hỗ trợ Điện Biên")
    expected = [f"Đợt hỗ trợ Điện Biên {i:03d}" for i in range(MORE)]
    client.force_login(office)
    url = reverse("support:call_list")
    html = client.get(url).content.decode()
    assert {"Tìm kiếm", "Năm", "Trạng thái", "Nhóm"} <= _labels(html)

    seen, pages = _walk(client, url, {"q": "dien bien", "year": "2025"}, "calls", CALL_ROW)
    assert pages == 2 and sorted(seen) == expected  # the last row is reached, none twice
    assert f"{MORE} đợt" in client.get(url, {"q": "dien bien"}).content.decode()

    assert (_names(client, url, "calls", CALL_ROW, q="Điện Biên", trang=2)
            == _names(client, url, "calls", CALL_ROW, q="DIEN BIEN", trang=2) != [])
    closed = _names(client, url, "calls", CALL_ROW, q="dien bien", status="closed")
    assert sorted(closed) == [expected[i] for i in range(MORE) if i % 5 == 4]
    assert len(_names(client, url, "calls", CALL_ROW, q="dien bien", status="open")) \
        == MORE - len(closed)
    odd = _names(client, url, "calls", CALL_ROW, q="dien bien", category="5.2")
    assert sorted(odd) == [expected[i] for i in range(MORE) if i % 2 == 1]
    assert _names(client, url, "calls", CALL_ROW, q="dien bien", year=2024) == []
    assert len(_names(client, url, "calls", CALL_ROW, q="dien bien",
                      ke_hoach=soc_trang.pk)) == PER_PAGE

    # another province's office: neither the words nor the plan's number bring these calls
    client.force_login(users["vanphong.tuyenquang"])
    assert _names(client, url, "calls", CALL_ROW, q="dien bien") == []
    assert _names(client, url, "calls", CALL_ROW, ke_hoach=soc_trang.pk) == []


def test_the_calls_open_to_an_enterprise_page_by_page_search_and_filters(client, users,
                                                                         soc_trang):
    now = timezone.now()
    _calls(soc_trang, users["vanphong.cantho"], opens=now - dt.timedelta(days=1),
           closes=now + dt.timedelta(days=30), title="Đợt nhận hồ sơ Đắk Lắk", n=MORE + 10)
    still_open = [f"Đợt nhận hồ sơ Đắk Lắk {i:03d}" for i in range(MORE + 10) if i % 5 != 4]
    assert len(still_open) > PER_PAGE
    client.force_login(users["doanhnghiep.cantho"])
    url = reverse("support:calls_open")
    assert {"Tìm kiếm", "Năm", "Nhóm"} <= _labels(client.get(url).content.decode())

    seen, pages = _walk(client, url, {"q": "dak lak"}, "open-calls", CALL_ROW)
    assert pages == 2 and sorted(seen) == still_open  # closed calls are never offered
    assert (_names(client, url, "open-calls", CALL_ROW, q="Đắk Lắk 01")
            == _names(client, url, "open-calls", CALL_ROW, q="dak lak 01") != [])
    assert sorted(_names(client, url, "open-calls", CALL_ROW, q="dak lak", category="5.1")) \
        == [name for name in still_open if int(name[-3:]) % 2 == 0]
    assert _names(client, url, "open-calls", CALL_ROW, q="dak lak", year=2030) == []

    client.force_login(users["vanphong.tuyenquang"])  # offered the calls of its own province
    assert _names(client, url, "open-calls", CALL_ROW, q="dak lak") == []


COUNCIL_ROW = r'<a href="/ho-tro/hoi-dong/\d+/">([^<]+)</a>'


def _councils(plan, member, n: int = MORE) -> list[Council]:
    """n councils of the plan with `member` on each: selection and acceptance in turn, one in
    four concluded, decided in 2025."""
    made = []
    for i in range(n):
        kind = "selection" if i % 2 == 0 else "acceptance"
        council = Council.objects.create(
            plan=plan, kind=kind, name=f"Hội đồng Phú Quốc {i:03d}",
            decision_number=f"{100 + i}/QĐ-SKHCN", decision_date=dt.date(2025, 1 + i % 12, 9),
            status="concluded" if i % 4 == 3 else "formed")
        CouncilMember.objects.create(council=council, user=member, role="member")
        made.append(council)
    return made


def test_the_councils_page_by_page_search_and_filters(client, users, soc_trang):
    _councils(soc_trang, users["hoidong.cantho"])
    expected = [f"Hội đồng Phú Quốc {i:03d}" for i in range(MORE)]
    for username, name, table in (("vanphong.cantho", "support:council_list", "councils"),
                                  ("hoidong.cantho", "support:my_councils", "my-councils")):
        client.force_login(users[username])
        url = reverse(name)
        assert {"Tìm kiếm", "Năm quyết định", "Trạng thái", "Loại hội đồng"} <= _labels(
            client.get(url).content.decode()), name
        seen, pages = _walk(client, url, {"q": "phu quoc"}, table, COUNCIL_ROW)
        assert pages == 2 and sorted(seen) == expected, name
        assert (_names(client, url, table, COUNCIL_ROW, q="Phú Quốc 05")
                == _names(client, url, table, COUNCIL_ROW, q="phu quoc 05") != []), name
        assert _names(client, url, table, COUNCIL_ROW, q="105/qd") == [expected[5]], name
        concluded = _names(client, url, table, COUNCIL_ROW, q="phu quoc", status="concluded")
        assert sorted(concluded) == [expected[i] for i in range(MORE) if i % 4 == 3], name
        acceptance = _names(client, url, table, COUNCIL_ROW, q="phu quoc", loai="acceptance")
        assert sorted(acceptance) == [expected[i] for i in range(MORE) if i % 2 == 1], name
        assert _names(client, url, table, COUNCIL_ROW, q="phu quoc", year=2024) == [], name

    client.force_login(users["vanphong.tuyenquang"])  # another province
    url = reverse("support:council_list")
    assert _names(client, url, "councils", COUNCIL_ROW, q="phu quoc") == []
    assert _names(client, url, "councils", COUNCIL_ROW, ke_hoach=soc_trang.pk) == []
    client.force_login(users["chutich.cantho"])  # on other councils, not on these
    assert _names(client, reverse("support:my_councils"), "my-councils", COUNCIL_ROW,
                  q="phu quoc") == []


def test_a_plans_support_page_pages_its_calls_and_councils_separately(client, users,
                                                                      soc_trang):
    office = users["vanphong.cantho"]
    _calls(soc_trang, office, opens=dt.date(2025, 3, 1), closes=dt.date(2025, 4, 30),
           title="Đợt hỗ trợ Cà Mau")
    _councils(soc_trang, users["hoidong.cantho"])
    client.force_login(office)
    url = reverse("support:plan_support", args=[soc_trang.pk])
    html, calls, pages = client.get(url).content.decode(), [], 0
    while True:  # the calls' own "next" links (`trang`), to their last page
        pages += 1
        calls += re.findall(CALL_ROW, _table(html, "calls"))
        link = re.search(r'<a href="(\?(?:[^"]*&amp;)?trang=\d+)" rel="next">', html)
        if link is None:
            break
        html = client.get(url + unescape(link.group(1))).content.decode()
    assert pages >= 2 and {f"Đợt hỗ trợ Cà Mau {i:03d}" for i in range(MORE)} <= set(calls)
    link = re.search(r'<a href="(\?[^"]*trang_hd=2)" rel="next">', html).group(1)
    assert f"trang={pages}" in unescape(link)  # the councils' pages keep the calls' page
    html = client.get(url + unescape(link)).content.decode()
    assert 'aria-current="page">2<' in html
    councils = re.findall(COUNCIL_ROW, _table(html, "councils"))
    assert councils and set(councils).isdisjoint(
        _names(client, url, "councils", COUNCIL_ROW, trang_hd=1))


@pytest.mark.parametrize("name", ["support:call_list", "support:council_list"])
def test_the_office_lists_are_refused_to_an_enterprise(client, users, name):
    client.force_login(users["doanhnghiep.cantho"])
    assert client.get(reverse(name)).status_code == 403


def test_a_calls_applications_page_by_page_search_and_filters(client, users, soc_trang):
    from nscl.enterprises.tests.factories import beneficiary
    from nscl.organisation.models import Unit
    from nscl.organisation.scope import communes_for
    from nscl.support.tests.factories import application, open_call

    office = users["vanphong.cantho"]
    call = open_call(soc_trang, Appendix.objects.get(plan=soc_trang, code="Phụ lục I"),
                     year=2024, actor=office)
    communes = Unit.objects.filter(pk__in=[pk for pk, _n in communes_for(office)[:2]])
    firms = [beneficiary(communes[i % 2], name=f"Công ty TNHH Hải Đăng {i:03d}")
             for i in range(MORE)]
    cases = [application(call, firm, code="5.1" if i % 3 else "5.2", actor=office)
             for i, firm in enumerate(firms)]
    client.force_login(office)
    url = reverse("support:call_detail", args=[call.pk])
    row = r'<a href="/ho-tro/ho-so/\d+/">([^<]+)</a></td><td>(Công ty TNHH Hải Đăng \d{3})</td>'
    assert {"Tìm kiếm", "Trạng thái", "Nhóm", "Xã, phường"} <= _labels(
        client.get(url).content.decode())
    seen, pages = _walk(client, url, {"q": "hai dang"}, "call-cases", row)
    assert pages == 2 and sorted(code for code, _n in seen) == sorted(c.code for c in cases)
    accented = _names(client, url, "call-cases", row, q="Hải Đăng 010")
    assert accented == _names(client, url, "call-cases", row, q="hai dang 010")
    assert (cases[10].code, "Công ty TNHH Hải Đăng 010") in accented and len(accented) < 5
    by_52 = _names(client, url, "call-cases", row, q="hai dang", category="5.2")
    assert sorted(n for _c, n in by_52) == [f"Công ty TNHH Hải Đăng {i:03d}"
                                            for i in range(MORE) if i % 3 == 0]
    first = _names(client, url, "call-cases", row, q="hai dang 01", xa=communes[0].pk)
    assert first and all(int(n[-3:]) % 2 == 0 for _c, n in first)
    assert _names(client, url, "call-cases", row, q="hai dang", status="liquidated") == []

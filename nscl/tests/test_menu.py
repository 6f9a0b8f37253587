"""Role-aware navigation: each demo role lands on its own work, and the menu shows it exactly
the pages it gets (200) — every entry of the menu registry is requested as every role."""

import re

import pytest
from django.urls import reverse

from nscl.workflow.menu import MENU

LANDINGS = {
    "vanphong.cantho": "workflow:inbox",  # work waits for the office
    "lanhdao.cantho": "workflow:inbox",  # approvals wait for leadership
    "xem.cantho": "dashboard:home",
    "bo.khcn": "reporting:compare",
    "baocao.xa1.cantho": "reporting:inbox",
    "baocao.sct.cantho": "reporting:inbox",
    "doanhnghiep.cantho": "workflow:inbox",
    "hoidong.cantho": "support:my_councils",
    "chutich.cantho": "support:my_councils",
}
NAV = re.compile(r'<nav class="mainnav"[^>]*>(.*?)</nav>', re.S)


def _menu_links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', NAV.search(html).group(1))


@pytest.mark.parametrize("username", sorted(LANDINGS))
def test_each_role_lands_on_its_work_and_its_menu_is_exactly_what_it_may_use(client, users,
                                                                             username):
    client.force_login(users[username])
    landing = client.get("/")
    assert landing.status_code == 302
    assert landing["Location"] == reverse(LANDINGS[username]), username
    page = client.get(landing["Location"], follow=True)
    assert page.status_code == 200
    shown = _menu_links(page.content.decode())
    usable = [entry.url for entry in MENU
              if client.get(entry.url, follow=True).status_code == 200]
    refused = {entry.url: client.get(entry.url).status_code for entry in MENU
               if entry.url not in usable}
    assert shown == usable, f"{username}: menu {shown}, pages it may use {usable}"
    assert set(refused.values()) <= {403}, refused  # a page left out of the menu is refused
    assert len(shown) >= 2, shown  # every role has some work besides its inbox


def test_the_menus_differ_by_role(client, users):
    menus = {}
    for username in ("vanphong.cantho", "doanhnghiep.cantho", "hoidong.cantho", "bo.khcn",
                     "baocao.xa1.cantho"):
        client.force_login(users[username])
        menus[username] = _menu_links(client.get(reverse("workflow:inbox")).content.decode())
    assert reverse("budget:budget_check") in menus["vanphong.cantho"]
    assert reverse("budget:budget_check") not in menus["doanhnghiep.cantho"]
    assert reverse("support:calls_open") in menus["doanhnghiep.cantho"]
    assert reverse("plans:plan_list") not in menus["hoidong.cantho"]
    assert reverse("support:my_councils") in menus["hoidong.cantho"]
    assert reverse("reporting:compare") in menus["bo.khcn"]
    assert reverse("reporting:compare") not in menus["vanphong.cantho"]
    assert reverse("enterprises:beneficiary_list") in menus["baocao.xa1.cantho"]


def test_the_current_page_is_marked_in_the_menu(client, users):
    client.force_login(users["vanphong.cantho"])
    html = client.get(reverse("support:case_list")).content.decode()
    nav = NAV.search(html).group(1)
    assert f'href="{reverse("support:case_list")}" aria-current="page"' in nav
    assert nav.count('aria-current="page"') == 1


def test_a_skip_link_leads_past_the_menu_to_the_page(client, users):
    client.force_login(users["xem.cantho"])
    html = client.get(reverse("plans:plan_list")).content.decode()
    body = html[html.index("<body>"):]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'class="skip"' in first_link and 'href="#main"' in first_link
    assert '<main class="page" id="main"' in body

"""Every appendix of the corpus gives exactly its planted findings — from the check page, the API
and `nscl budget check` — one test per layout family (text from a PDF, Excel, Word)."""

import html
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from .corpus.build import FILES

EXPECTED = json.loads((FILES / "expected.json").read_text(encoding="utf-8"))


def _family(suffix: str) -> list[str]:
    return sorted(name for name in EXPECTED if name.endswith(suffix))


def _keys(findings) -> set[tuple]:
    return {(f["appendix"], f["line"], f["check"], f["year"]) for f in findings}


def _expected(name: str) -> set[tuple]:
    return {tuple(f) for f in EXPECTED[name]["findings"]}


def _api(client, name: str) -> dict:
    with (FILES / name).open("rb") as handle:
        response = client.post("/api/v1/budget/check/", {"file": handle})
    assert response.status_code == 200, response.content
    return response.json()


def _page(client, name: str) -> str:
    with (FILES / name).open("rb") as handle:
        response = client.post("/du-toan/kiem-tra/", {"file": handle})
    assert response.status_code == 200
    return response.content.decode()


def _cli(name: str) -> tuple[list[dict], int]:
    out = StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("budget", "check", "--json", str(FILES / name), stdout=out)
    return json.loads(out.getvalue()), exited.value.code


def _check_everywhere(client, name: str) -> None:
    expected = _expected(name)
    understood = EXPECTED[name]["fully_understood"]
    result = _api(client, name)
    assert _keys(result["findings"]) == expected
    assert result["fully_understood"] is understood
    assert result["checks"] > 0 and result["lines"] > 0
    findings, code = _cli(name)
    assert _keys(findings) == expected
    assert code == 1  # every corpus file has planted errors
    page = _page(client, name)
    pattern = r'<li class="finding-\w+">.*?</span>\s*(?:<strong>[^<]*</strong> · )?(.*?)</li>'
    shown = [html.unescape(m) for m in re.findall(pattern, page, re.S)]
    assert sorted(shown) == sorted(f["message"] for f in result["findings"])
    assert "Không có phát hiện nào" not in page
    assert ('id="not-understood"' in page) is (not understood)
    assert html.unescape(result["summary"]) in html.unescape(page)


@pytest.fixture
def office(client, users):
    client.force_login(users["vanphong.cantho"])
    return client


@pytest.mark.parametrize("name", _family(".txt"))
def test_text_layouts_give_exactly_their_planted_findings(office, name):
    _check_everywhere(office, name)


@pytest.mark.parametrize("name", _family(".xlsx"))
def test_excel_layouts_give_exactly_their_planted_findings(office, name):
    _check_everywhere(office, name)


@pytest.mark.parametrize("name", _family(".docx"))
def test_word_layouts_give_exactly_their_planted_findings(office, name):
    _check_everywhere(office, name)


def test_the_corpus_covers_the_layouts_issue_12_lists():
    assert len(EXPECTED) >= 15
    assert {n.rsplit(".", 1)[1] for n in EXPECTED} == {"txt", "xlsx", "docx"}
    checks = {f[2] for entry in EXPECTED.values() for f in entry["findings"]}
    assert {"quantity_times_price", "years_sum", "children_total_year", "sources_total",
            "sources_total_year", "grand_total", "grand_total_year", "duplicate_code",
            "formula_without_value", "malformed_number", "hidden_row"} <= checks

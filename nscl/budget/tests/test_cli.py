"""`nscl budget check FILE [--json]` on the seeds, through the real console script."""

import json
import subprocess
import sys
from decimal import Decimal

from nscl.budget.io.xlsx import write_xlsx
from nscl.budget.sheet import AppendixData, LineData
from nscl.conftest import REPO, SOC_TRANG_PLAN, seed_path


def run_nscl(*args):
    return subprocess.run([sys.executable, "-m", "nscl", *args], capture_output=True, text=True,
                          cwd=REPO, env={"DJANGO_SETTINGS_MODULE": "nscl.settings.test",
                                         "PATH": "/usr/bin:/bin"}, timeout=120)


def test_check_finds_both_appendices_and_exits_1_on_errors():
    result = run_nscl("budget", "check", str(seed_path(SOC_TRANG_PLAN)))
    assert result.returncode == 1, result.stderr
    assert "Phụ lục I (2021–2025, 20 dòng): 7 lỗi" in result.stdout
    assert "Phụ lục II (2026–2030, 20 dòng): 0 lỗi" in result.stdout
    assert "Dòng 5, năm 2021: Tổng các dòng con (5.1, 5.2, 5.3, 5.4) là 826" in result.stdout


def test_check_json_lists_appendix_line_check_expected_found_severity():
    result = run_nscl("budget", "check", "--json", str(seed_path(SOC_TRANG_PLAN)))
    findings = json.loads(result.stdout)
    assert {"appendix", "line", "check", "expected", "found", "severity"} <= set(findings[0])
    errors = [f for f in findings if f["severity"] == "error"]
    assert len(errors) == 7 and {f["appendix"] for f in errors} == {"Phụ lục I"}
    grand = next(f for f in errors if f["line"] == "Tổng cộng")
    assert (grand["year"], grand["expected"], grand["found"], grand["difference"]) == (
        2021, "861", "881", "20")


def test_a_clean_file_exits_0(tmp_path):
    d = Decimal
    line = LineData(code="1", content="Hội thảo", unit="Cuộc", quantity=d(2), unit_price=d(30),
                    total=d(60), years={2026: d(30), 2027: d(30)})
    grand = LineData(code="", content="Tổng cộng", total=d(60), years={2026: d(30), 2027: d(30)},
                     is_grand_total=True)
    path = tmp_path / "sach.xlsx"
    path.write_bytes(write_xlsx([AppendixData("Phụ lục I", "DỰ TOÁN", [2026, 2027],
                                              [line, grand])]))
    result = run_nscl("budget", "check", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 lỗi" in result.stdout


def test_a_missing_file_is_a_clear_error():
    result = run_nscl("budget", "check", "khong-co.xlsx")
    assert result.returncode == 1
    assert "Không tìm thấy tệp khong-co.xlsx" in result.stderr

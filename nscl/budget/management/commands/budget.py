"""`nscl budget check FILE [--json]` · `nscl budget import FILE --plan ID` ·
`nscl budget export --plan ID OUT.xlsx`."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nscl.budget.io import UnsupportedFile, read_budget_path
from nscl.budget.validation import SEVERITY_ORDER, check_document, has_errors

SEVERITY_LABEL = {"error": "LỖI", "warning": "CẢNH BÁO", "notice": "LƯU Ý"}


class Command(BaseCommand):
    help = "Kiểm tra, nhập và xuất phụ lục dự toán kinh phí (.txt, .xlsx, .docx)."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Tìm mọi phụ lục trong tệp và kiểm tra số học.")
        check.add_argument("file")
        check.add_argument("--json", dest="as_json", action="store_true",
                           help="In danh sách phát hiện dạng JSON.")
        imp = sub.add_parser("import", help="Nhập các phụ lục của tệp vào một kế hoạch.")
        imp.add_argument("file")
        imp.add_argument("--plan", type=int, required=True)
        exp = sub.add_parser("export", help="Xuất các phụ lục của kế hoạch ra .xlsx.")
        exp.add_argument("--plan", type=int, required=True)
        exp.add_argument("out")

    def handle(self, *args, action, **options):
        return getattr(self, f"handle_{action}")(**options)

    def _read(self, file):
        try:
            return read_budget_path(file)
        except FileNotFoundError as exc:
            raise CommandError(f"Không tìm thấy tệp {file}.") from exc
        except (UnsupportedFile, ValueError) as exc:
            raise CommandError(str(exc)) from exc

    def handle_check(self, *, file, as_json: bool = False, **_):
        """Exit 0 only for a file fully read with no error; 1 otherwise (errors, or parts of the
        file not understood)."""
        document = self._read(file)
        result = check_document(document)
        findings = sorted(result.findings, key=lambda f: (f.appendix, SEVERITY_ORDER[f.severity]))
        if as_json:
            self.stdout.write(_dumps([f.as_dict() for f in findings]))
        else:
            self._print_report(document, result, findings)
        if has_errors(findings) or not result.fully_understood:
            sys.exit(1)

    def _print_report(self, document, result, findings):
        if not document.appendices:
            self.stdout.write("Không tìm thấy phụ lục dự toán nào trong tệp.")
        by_code = {a.code: a for a in result.appendices}
        for appendix in document.appendices:
            mine = [f for f in findings if f.appendix == appendix.code]
            errors = sum(f.severity == "error" for f in mine)
            read = by_code[appendix.code]
            years = f"{appendix.years[0]}–{appendix.years[-1]}" if appendix.years else "?"
            self.stdout.write(f"{appendix.code} ({years}, {read.lines} dòng): "
                              f"{errors} lỗi, {len(mine) - errors} ghi chú")
            self.stdout.write(f"  đã đọc {read.lines} dòng, {read.years} năm, {read.sources} "
                              f"nguồn ({appendix.money_unit}); kiểm tra {read.checks} phép tính")
            for finding in mine:
                self.stdout.write(f"  [{SEVERITY_LABEL[finding.severity]}] {finding.message}")
        for finding in (f for f in findings if not f.appendix):
            self.stdout.write(f"[{SEVERITY_LABEL[finding.severity]}] {finding.message}")
        self.stdout.write(f"Tổng: {result.summary()}.")
        if not result.fully_understood:
            self.stdout.write("CHƯA ĐỌC HIỂU HẾT TỆP: có dòng, cột hoặc ô chưa đọc được; không "
                              "thể khẳng định các số liệu khớp nhau.")
        elif not findings:
            self.stdout.write("Không có phát hiện nào: các số liệu khớp nhau.")

    def handle_import(self, *, file, plan, **_):
        from nscl.budget.services import BudgetImportError, budget_document_import
        from nscl.plans.models import Plan

        target = Plan.objects.filter(pk=plan).first()
        if target is None:
            raise CommandError(f"Không có kế hoạch số hiệu {plan}.")
        try:
            stored = budget_document_import(plan=target, document=self._read(file), actor=None)
        except BudgetImportError as exc:
            raise CommandError("Không nhập gì cả:\n" + str(exc)) from exc
        self.stdout.write(f"Đã nhập {len(stored)} phụ lục vào {target.reference}.")

    def handle_export(self, *, plan, out, **_):
        from nscl.budget.io.xlsx import write_xlsx
        from nscl.budget.selectors import appendices_of_plan, appendix_data
        from nscl.plans.models import Plan

        target = Plan.objects.filter(pk=plan).first()
        if target is None:
            raise CommandError(f"Không có kế hoạch số hiệu {plan}.")
        data = [appendix_data(a) for a in appendices_of_plan(target)]
        Path(out).write_bytes(write_xlsx(data))
        self.stdout.write(f"Đã xuất {len(data)} phụ lục ra {out}.")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)

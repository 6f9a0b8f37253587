"""`nscl tfp FILE.csv [--alpha A] [--from YEAR --to YEAR] [--log|--discrete] [--json]`."""

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nscl.productivity.accounting import (
    DISCRETE,
    LOG,
    Parameters,
    method_label,
    period,
    sensitivity,
    yearly,
)
from nscl.productivity.series import SeriesError, check, read_rows


def _pct(value) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",")


class Command(BaseCommand):
    help = "Phân tích đóng góp của vốn, lao động và TFP vào tăng trưởng GRDP."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--alpha", help="Hệ số của vốn b_K (mặc định 0,4).")
        parser.add_argument("--from", dest="first", type=int, help="Năm gốc của giai đoạn.")
        parser.add_argument("--to", dest="last", type=int, help="Năm cuối của giai đoạn.")
        parser.add_argument("--discrete", action="store_true", help="Tốc độ tăng rời rạc.")
        parser.add_argument("--tornqvist", action="store_true",
                            help="Trọng số Törnqvist từ tỷ trọng thu nhập lao động.")
        parser.add_argument("--json", dest="as_json", action="store_true")

    def handle(self, *args, file, alpha, first, last, discrete, tornqvist, as_json, **options):
        try:
            params = Parameters(alpha=Decimal(alpha.replace(",", ".")) if alpha else
                                Decimal("0.4"), method=DISCRETE if discrete else LOG,
                                tornqvist=tornqvist)
        except InvalidOperation as exc:
            raise CommandError(f"Hệ số α “{alpha}” không hợp lệ.") from exc
        if not Decimal(0) < params.alpha < Decimal(1):
            raise CommandError("Hệ số α phải nằm giữa 0 và 1.")
        path = Path(file)
        if not path.exists():
            raise CommandError(f"Không tìm thấy tệp {file}.")
        try:
            series = check(read_rows(path.name, path.read_bytes()))
        except SeriesError as exc:
            raise CommandError("Số liệu chưa dùng được:\n" + "\n".join(exc.messages)) from exc
        years = [d.year for d in series]
        first, last = first or years[0], last or years[-1]
        if first not in years or last not in years or last <= first:
            raise CommandError(f"Giai đoạn {first}–{last} không nằm trong số liệu "
                               f"({years[0]}–{years[-1]}).")
        chosen = [d for d in series if first <= d.year <= last]
        rows, whole = yearly(chosen, params), period(series, first, last, params)
        if as_json:
            self.stdout.write(_dumps(rows, whole, sensitivity(series, first, last, params),
                                     params))
            return
        self.stdout.write(method_label(params, [*rows, whole]))
        self.stdout.write("Năm       GRDP%   Vốn%   LĐ%  | đóng góp (điểm %): vốn   LĐ    TFP  "
                          "| TFP/GRDP %")
        for r in [*rows, whole]:
            self.stdout.write(f"{r.label:<9} {_pct(r.output_growth):>6} "
                              f"{_pct(r.capital_growth):>6}"
                              f" {_pct(r.labour_growth):>5} |          {_pct(r.capital_pp):>6} "
                              f"{_pct(r.labour_pp):>5} {_pct(r.tfp_pp):>6} | "
                              f"{_pct(r.tfp_share):>7}")


def _dumps(rows, whole, sens, params) -> str:
    def one(r):
        return {"label": r.label, "output_growth": str(r.output_growth),
                "capital_growth": str(r.capital_growth), "labour_growth": str(r.labour_growth),
                "alpha": str(r.alpha), "capital_pp": str(r.capital_pp),
                "labour_pp": str(r.labour_pp), "tfp_pp": str(r.tfp_pp),
                "tfp_share": None if r.tfp_share is None else str(r.tfp_share),
                "weights": r.weights,
                "labour_productivity_growth": str(r.productivity_growth)}
    return json.dumps({"method": params.method, "weights": whole.weights,
                       "method_label": method_label(params, [*rows, whole]),
                       "years": [one(r) for r in rows],
                       "period": one(whole),
                       "sensitivity": [{"alpha": str(a), "tfp_share": None if s is None
                                        else str(s)} for a, s in sens]},
                      ensure_ascii=False, indent=2)

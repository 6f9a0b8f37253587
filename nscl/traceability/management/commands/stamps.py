"""`nscl stamps issue --gtin GTIN --count N [--lot LOT] [--activate]` with a progress bar."""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from nscl.core.numbers import format_vn_number
from nscl.organisation.models import User
from nscl.traceability.identifiers import normalise_gtin
from nscl.traceability.models import Product
from nscl.traceability.services import roll_create, roll_fill, roll_set_status


class Command(BaseCommand):
    help = "Cấp một cuộn tem truy xuất cho sản phẩm."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="Cấp tem.")
        issue.add_argument("--gtin", required=True)
        issue.add_argument("--count", type=int, required=True)
        issue.add_argument("--lot", default="")
        issue.add_argument("--activate", action="store_true")
        issue.add_argument("--user", default="admin", help="Tài khoản thực hiện.")

    def handle(self, *args, action, gtin, count, lot, activate, user, **options):
        try:
            product = Product.objects.get(gtin=normalise_gtin(gtin))
        except (ValidationError, Product.DoesNotExist) as exc:
            raise CommandError(f"Không có sản phẩm GTIN {gtin}.") from exc
        actor = User.objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"Không có tài khoản {user}.")
        batch = product.batches.filter(lot=lot).first() if lot else None
        if lot and batch is None:
            raise CommandError(f"Sản phẩm không có lô {lot}.")
        try:
            roll = roll_create(product=product, count=count, actor=actor, batch=batch)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        start = time.perf_counter()

        def bar(done, total):
            filled = int(40 * done / total)
            self.stderr.write(f"\r[{'#' * filled}{'.' * (40 - filled)}] "
                              f"{format_vn_number(done):>9}/{format_vn_number(total)} "
                              f"{_seconds(start):>6} s", ending="")
            self.stderr.flush()

        roll_fill(roll, progress=bar)
        self.stderr.write("")
        if activate:
            roll_set_status(roll=roll, status="active", actor=actor)
        self.stdout.write(f"Đã cấp {format_vn_number(roll.issued)} tem cho {product.name} "
                          f"(cuộn {roll.pk}) trong {_seconds(start)} s.")


def _seconds(start: float) -> str:
    """Seconds since `start` the Vietnamese way: 15,1."""
    return format_vn_number(time.perf_counter() - start, places=1)

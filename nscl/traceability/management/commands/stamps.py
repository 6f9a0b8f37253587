"""`nscl stamps issue --gtin GTIN --count N [--lot LOT] [--activate]` and
`nscl stamps resume --roll ID`, with a progress bar.

The command fills the roll itself, as a worker would, through the roll's fill job: the page of
the product shows the same progress, and if the command is stopped half-way a worker takes the
job over (or `resume` does) and tops the roll up to exactly its count."""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from nscl.core.numbers import format_vn_number
from nscl.jobs.models import JobStatus
from nscl.jobs.services import job_follow
from nscl.organisation.models import User
from nscl.traceability.identifiers import normalise_gtin
from nscl.traceability.models import Product, StampRoll
from nscl.traceability.services import roll_create, roll_fill_start, roll_set_status


class Command(BaseCommand):
    help = "Cấp một cuộn tem truy xuất cho sản phẩm, hoặc tạo tiếp một cuộn còn dang dở."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="Cấp tem.")
        issue.add_argument("--gtin", required=True)
        issue.add_argument("--count", type=int, required=True)
        issue.add_argument("--lot", default="")
        issue.add_argument("--activate", action="store_true")
        issue.add_argument("--user", default="admin", help="Tài khoản thực hiện.")
        resume = sub.add_parser("resume", help="Tạo tiếp cuộn tem còn dang dở.")
        resume.add_argument("--roll", type=int, required=True)

    def handle(self, *args, action, **options):
        self.start = time.perf_counter()
        if action == "resume":
            roll = StampRoll.objects.filter(pk=options["roll"]).first()
            if roll is None:
                raise CommandError(f"Không có cuộn tem {options['roll']}.")
            self._fill(roll, roll_fill_start(roll=roll, enqueue=False))
            return
        roll, actor = self._issue(**options)
        if options["activate"]:
            roll_set_status(roll=roll, status="active", actor=actor)

    def _issue(self, *, gtin, count, lot, user, **options):
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
            roll = roll_create(product=product, count=count, actor=actor, batch=batch,
                               fill=False)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        return self._fill(roll, roll_fill_start(roll=roll, actor=actor, enqueue=False)), actor

    def _fill(self, roll: StampRoll, job) -> StampRoll:
        job = job_follow(job, self._bar)
        self.stderr.write("")
        roll.refresh_from_db()
        if job.status != JobStatus.DONE:
            raise CommandError(f"Cuộn {roll.pk} dừng ở {format_vn_number(roll.issued)}/"
                               f"{format_vn_number(roll.count)} tem: {job.error}")
        self.stdout.write(f"Đã cấp {format_vn_number(roll.issued)} tem cho {roll.product.name} "
                          f"(cuộn {roll.pk}) trong {_seconds(self.start)} s.")
        return roll

    def _bar(self, done: int, total: int) -> None:
        filled = int(40 * done / total) if total else 0
        self.stderr.write(f"\r[{'#' * filled}{'.' * (40 - filled)}] "
                          f"{format_vn_number(done):>9}/{format_vn_number(total)} "
                          f"{_seconds(self.start):>6} s", ending="")
        self.stderr.flush()


def _seconds(start: float) -> str:
    """Seconds since `start` the Vietnamese way: 15,1."""
    return format_vn_number(time.perf_counter() - start, places=1)

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nscl.reporting.notifications import reminders_send


class Command(BaseCommand):
    help = "Nhắc các đơn vị chưa gửi báo cáo (5 ngày trước hạn, đúng hạn, 3 ngày sau hạn)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Ngày coi là hôm nay, dạng dd/mm/yyyy.")

    def handle(self, *args, today=None, **options):
        try:
            day = dt.datetime.strptime(today, "%d/%m/%Y").date() if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày “{today}” không đúng dạng dd/mm/yyyy.") from exc
        self.stdout.write(f"Đã gửi {reminders_send(day)} thư nhắc báo cáo ngày {day:%d/%m/%Y}.")

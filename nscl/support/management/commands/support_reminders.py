import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nscl.support.notifications import reminders_send


class Command(BaseCommand):
    help = "Gửi nhắc hạn hợp đồng và hạn nộp hồ sơ (7 ngày trước và đúng ngày). Chạy hằng ngày."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Ngày coi là hôm nay, dạng dd/mm/yyyy.")

    def handle(self, *args, today=None, **options):
        try:
            day = dt.datetime.strptime(today, "%d/%m/%Y").date() if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày “{today}” không đúng dạng dd/mm/yyyy.") from exc
        sent = reminders_send(day)
        self.stdout.write(f"Đã gửi {sent} thư nhắc hạn ngày {day:%d/%m/%Y}.")

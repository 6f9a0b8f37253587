"""Create the draft request of the current period for every recurring reporting regime."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from nscl.reporting.services import templates_due


class Command(BaseCommand):
    help = ("Tạo dự thảo công văn đề nghị báo cáo của kỳ hiện tại cho mỗi mẫu báo cáo định kỳ "
            "(chạy hằng ngày; mỗi kỳ chỉ tạo một lần).")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="dd/mm/yyyy (mặc định: hôm nay)")

    def handle(self, *args, today=None, **options):
        try:
            day = dt.datetime.strptime(today, "%d/%m/%Y").date() if today else \
                timezone.localdate()
        except ValueError as exc:
            raise CommandError("Ngày phải có dạng dd/mm/yyyy.") from exc
        created = templates_due(day)
        for request in created:
            self.stdout.write(f"{request.plan.province.name}: {request.name}")
        self.stdout.write(f"Đã tạo {len(created)} dự thảo công văn.")

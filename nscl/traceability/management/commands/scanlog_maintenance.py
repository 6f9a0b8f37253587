"""`nscl scanlog_maintenance`: the scan log's daily upkeep, run by the worker's schedule.

Scans older than `NSCL_SCAN_RETENTION_DAYS` (0, the default: keep every scan) are deleted in
batches, so the table does not lock for long; on PostgreSQL the table's statistics are then
refreshed (ten million rows a day move the planner's estimates faster than autovacuum's
default threshold). See docs/scale.md for the monthly partitions a national instance needs.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from nscl.traceability.models import Scan

BATCH = 50_000


class Command(BaseCommand):
    help = "Bảo trì nhật ký quét tem: xóa lượt quét quá hạn lưu giữ, cập nhật thống kê."

    def handle(self, *args, **options):
        days = getattr(settings, "NSCL_SCAN_RETENTION_DAYS", 0)
        deleted = 0
        if days:
            before = timezone.now() - timedelta(days=days)
            while True:
                with transaction.atomic():
                    ids = list(Scan.objects.filter(scanned_at__lt=before)
                               .values_list("pk", flat=True)[:BATCH])
                    if not ids:
                        break
                    deleted += Scan.objects.filter(pk__in=ids).delete()[0]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {Scan._meta.db_table}")
        self.stdout.write(f"Đã xóa {deleted} lượt quét quá hạn lưu giữ"
                          f"{f' ({days} ngày)' if days else ' (lưu giữ không thời hạn)'}.")

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nscl.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from nscl.demo.loader import load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa (chạy nhiều lần không thay đổi gì thêm)."

    def handle(self, *args, **options):
        if getattr(settings, "NSCL_PRODUCTION", False):
            raise CommandError("Không nạp dữ liệu minh họa với cấu hình production: nó tạo tài "
                               "khoản với mật khẩu công khai.")
        summary = load_demo()
        self.stdout.write(
            f"Bản đồ hành chính: {summary['provinces']} tỉnh, thành phố; "
            f"{summary['communes_created']} xã, phường mới; {summary['dissolved']} tỉnh cũ. "
            f"Kế hoạch mới: {summary['plans_created']}.")
        self.stdout.write(f"\nTài khoản minh họa (mật khẩu chung: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account['username']:<22} {account['role']:<15} "
                              f"{account['note']}")
        self.stdout.write("\nMở http://127.0.0.1:8000 và đăng nhập, ví dụ: vanphong.cantho / "
                          f"{DEMO_PASSWORD}\n")

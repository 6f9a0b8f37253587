"""Development only: a PKCS#12 file for a signer, issued by the local test CA."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nscl.reporting.signing import dev_pkcs12, signing_dir


class Command(BaseCommand):
    help = ("Tạo tệp chứng thư số thử nghiệm (.p12) cho người ký, do CA thử nghiệm cục bộ cấp "
            "(chỉ dùng khi phát triển; không bao giờ dùng trong sản xuất).")

    def add_arguments(self, parser):
        parser.add_argument("full_name")
        parser.add_argument("--organisation", default="Sở Khoa học và Công nghệ")
        parser.add_argument("--passphrase", default="nscl-demo-2025")
        parser.add_argument("--out", help="tệp .p12 (mặc định trong NSCL_SIGNING_DIR)")

    def handle(self, *args, full_name, organisation, passphrase, out=None, **options):
        if not settings.NSCL_SIGNING_DEV_CA:
            raise CommandError("CA thử nghiệm bị tắt (NSCL_SIGNING_DEV_CA=False).")
        target = Path(out) if out else signing_dir() / f"{full_name.replace(' ', '-')}.p12"
        target.write_bytes(dev_pkcs12(full_name, organisation, passphrase))
        target.chmod(0o600)
        self.stdout.write(f"{target}")

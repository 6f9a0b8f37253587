"""`nscl api_token USERNAME [--revoke]`: the API token of a machine client's account.

The token authenticates as its user: the API then answers within that user's scope and
permissions, exactly as the pages do for them (restrict(), permissions.py). A new token
replaces any earlier one (the old key stops working at once); --revoke deletes it.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Tạo (thay) hoặc thu hồi token API của một tài khoản."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true", help="thu hồi token hiện có")

    @transaction.atomic
    def handle(self, *args, username, revoke, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản {username!r}.")
        deleted, _ = Token.objects.filter(user=user).delete()
        if revoke:
            self.stdout.write(f"Đã thu hồi token của {username}." if deleted
                              else f"{username} không có token nào.")
            return
        if not user.is_active:
            raise CommandError(f"Tài khoản {username!r} đã bị khóa: không cấp token.")
        token = Token.objects.create(user=user)
        self.stdout.write(f"Token API của {username} (gửi trong tiêu đề "
                          f"'Authorization: Token …'; token cũ, nếu có, đã hết hiệu lực):")
        self.stdout.write(token.key)

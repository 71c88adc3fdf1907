"""`thidua api_token create USERNAME --name NAME` prints a new key once;
`thidua api_token revoke PREFIX` stops a key.

Exit status 0 on success; 2 with the problem on stderr and nothing changed otherwise.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thidua.accounts import services
from thidua.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Tạo, thu hồi khóa API của một tài khoản."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{create,revoke}")
        creating = actions.add_parser("create", help="Tạo khóa; in khóa ra một lần duy nhất.")
        creating.add_argument("username", help="Tên đăng nhập của tài khoản.")
        creating.add_argument("--name", required=True, help="Tên khóa (hệ thống dùng khóa).")
        revoking = actions.add_parser("revoke", help="Thu hồi khóa theo đầu khóa.")
        revoking.add_argument("prefix", help="Đầu khóa (10 ký tự đầu, như trang Khóa API hiện).")

    def handle(self, *args, action, **options):
        try:
            if action == "create":
                self.create(options["username"], options["name"])
            else:
                self.revoke(options["prefix"])
        except ValidationError as exc:
            self.fail(" ".join(exc.messages))

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        raise SystemExit(2)

    def create(self, username: str, name: str) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            self.fail(_("Không có tài khoản '%(username)s'.") % {"username": username})
        _token, key = services.create_api_token(actor=None, user=user, name=name)
        self.stdout.write(key)

    def revoke(self, prefix: str) -> None:
        tokens = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True)[:2])
        if len(tokens) != 1:
            self.fail(
                _("Không có đúng một khóa đang dùng với đầu khóa '%(prefix)s'.")
                % {"prefix": prefix}
            )
        services.revoke_api_token(actor=None, token=tokens[0])
        self.stdout.write(_("Đã thu hồi khóa %(name)s.") % {"name": tokens[0].name})

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thidua.core.enums import Role
from thidua.demo import data
from thidua.demo.loader import load_demo
from thidua.organizations.models import Unit

LABELS = {
    "units": "đơn vị",
    "blocks": "khối thi đua",
    "people": "cá nhân",
    "person_ratings": "xếp loại cá nhân",
    "unit_ratings": "xếp loại tập thể",
    "unit_events": "biến động đơn vị",
    "accounts": "tài khoản",
    "campaigns": "kế hoạch thi đua",
}


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (địa phương, cán bộ, xếp loại, tài khoản mẫu); chạy lại không đổi gì."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Nạp cả khi không ở chế độ DEBUG (các tài khoản mẫu có mật khẩu công khai).",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Dữ liệu mẫu có tài khoản với mật khẩu công khai: chỉ nạp khi THIDUA_DEBUG=1, "
                "hoặc thêm --force nếu đây đúng là máy trình diễn."
            )
        started = time.monotonic()
        counts = load_demo(stdout=self.stdout)
        created = ", ".join(f"{counts[key]} {label}" for key, label in LABELS.items())
        self.stdout.write(f"Đã tạo mới: {created} ({time.monotonic() - started:.1f} giây).")
        self.stdout.write("")
        self.stdout.write(self.logins_table())

    def logins_table(self) -> str:
        units = Unit.objects.in_bulk(
            [code for _, _, code, _ in data.ACCOUNTS if code], field_name="code"
        )
        rows = [("Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị")]
        for username, _, code, role in data.ACCOUNTS:
            unit = units[code].name if code in units else "—"
            rows.append((username, data.PASSWORD, Role(role).label, unit))
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        return "\n".join(
            "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
            + "  "
            + row[3]
            for row in rows
        )

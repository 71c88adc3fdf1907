"""`thidua package import FILE [--owner CODE]` and `thidua package export ID`.

The console script loads the same settings as manage.py: outside production set
THIDUA_DEBUG=1 (or THIDUA_SECRET_KEY), else the settings refuse to start.

Exit status 0 on success; 2 with the JSON path of the problem on stderr, nothing on stdout and
nothing saved, for an unreadable file or an invalid package.
"""

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thidua.campaigns import services
from thidua.campaigns.models import Campaign
from thidua.campaigns.package import PackageError, parse_package_text
from thidua.organizations.models import Unit


class Command(BaseCommand):
    help = "Nhập, xuất gói kế hoạch thi đua (định dạng thidua-campaign/1)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{import,export}")
        importing = actions.add_parser(
            "import", help="Tạo kế hoạch từ một gói; in mã số (id) của kế hoạch mới."
        )
        importing.add_argument("file", help="Tệp JSON của gói ('-' là đầu vào chuẩn).")
        importing.add_argument(
            "--owner",
            metavar="CODE",
            help="Mã đơn vị ban hành (mặc định: đơn vị gốc của gói có tên là cơ quan ban hành).",
        )
        exporting = actions.add_parser("export", help="In gói của một kế hoạch ra đầu ra chuẩn.")
        exporting.add_argument("id", type=int, help="Mã số (id) của kế hoạch.")

    def handle(self, *args, action, **options):
        try:
            if action == "import":
                self.import_file(options["file"], options.get("owner"))
            else:
                self.export(options["id"])
        except ValidationError as exc:
            self.fail(str(exc) if isinstance(exc, PackageError) else " ".join(exc.messages))

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        raise SystemExit(2)

    def read(self, file: str) -> str:
        try:
            if file == "-":
                return sys.stdin.buffer.read().decode("utf-8-sig")
            return Path(file).read_text(encoding="utf-8-sig")
        except OSError as exc:
            self.fail(_("Không đọc được tệp %(file)s: %(error)s") % {"file": file, "error": exc})
        except UnicodeDecodeError:
            self.fail(_("Tệp %(file)s không phải văn bản UTF-8.") % {"file": file})

    def import_file(self, file: str, owner_code: str | None) -> None:
        owner = None
        if owner_code is not None:
            owner = Unit.objects.filter(code=owner_code).first()
            if owner is None:
                self.fail(_("--owner: không có đơn vị mã '%(code)s'.") % {"code": owner_code})
        try:
            data = parse_package_text(self.read(file))
        except PackageError as exc:
            self.fail(f"{file}: {exc.detail}")
        campaign = services.import_package(actor=None, data=data, owner=owner)
        self.stdout.write(str(campaign.pk))

    def export(self, campaign_id: int) -> None:
        campaign = Campaign.objects.filter(pk=campaign_id).first()
        if campaign is None:
            self.fail(_("Không có kế hoạch mã số %(id)s.") % {"id": campaign_id})
        data = services.export_package(campaign)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

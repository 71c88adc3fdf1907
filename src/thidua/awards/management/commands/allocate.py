"""`thidua allocate FILE --round CODE`: the allocation of one round of a campaign package, as the
spec's JSON on stdout. It needs no database: the package is the whole input.

Exit status 0 with the JSON on stdout; 2 with the problem on stderr (the JSON path for an
invalid package) and nothing on stdout, for an unreadable file, an invalid package or a round
the campaign does not have.
"""

import codecs
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thidua.awards.engine import UnknownRound, allocate
from thidua.campaigns.package import PackageError, parse_package_text, read_package


class Command(BaseCommand):
    help = "Xét khen thưởng một đợt của gói kế hoạch (không cần cơ sở dữ liệu)."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp JSON của gói ('-' là đầu vào chuẩn).")
        parser.add_argument("--round", required=True, metavar="CODE", help="Mã đợt xét.")

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        raise SystemExit(2)

    def read(self, file: str) -> bytes:
        """The file's bytes without a UTF-8 byte order mark: the JSON decoder takes UTF-8 as it
        is, without a decoded copy of the whole text (a national package is 700 MB)."""
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as exc:
            self.fail(_("Không đọc được tệp %(file)s: %(error)s") % {"file": file, "error": exc})
        return data.removeprefix(codecs.BOM_UTF8)

    def handle(self, *args, file: str, round: str, **options):
        try:
            package = read_package(parse_package_text(self.read(file)))
        except PackageError as exc:
            self.fail(str(exc))
        except UnicodeDecodeError:
            self.fail(_("Tệp %(file)s không phải văn bản UTF-8.") % {"file": file})
        try:
            result = allocate(package, round)
        except UnknownRound:
            codes = ", ".join(r.code for r in package.campaign.rounds) or "—"
            self.fail(
                _("--round: kế hoạch không có đợt '%(code)s' (các đợt: %(codes)s).")
                % {"code": round, "codes": codes}
            )
        self.stdout.write(json.dumps(result, ensure_ascii=False))

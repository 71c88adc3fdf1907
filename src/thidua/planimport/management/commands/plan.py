"""`thidua plan read FILE`: the draft campaign package a plan's text gives.

FILE is a .docx, a .pdf with a text layer or a text file (`-` reads standard input). The
package (`format`, `campaign`, `blocks`, `scheme`, `eligibility`; every key of the spec, its
default where the plan says nothing) goes to standard output as indented UTF-8 JSON; the
fields a plan usually states and this one was not found to state go to standard error
("không tìm thấy: campaign.signer, ..."). Exit status 0; 2 with a Vietnamese message on
standard error and nothing on standard output for a file that cannot be read.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thidua.planimport.extract import UnreadableFile, text_of
from thidua.planimport.package import package_of
from thidua.planimport.reader import read_plan


class Command(BaseCommand):
    help = "Đọc một kế hoạch (.docx, .pdf, .txt) thành gói kế hoạch dự thảo."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{read}")
        reading = actions.add_parser(
            "read", help="In gói kế hoạch (JSON) đọc được từ tệp; các mục không tìm thấy ra stderr."
        )
        reading.add_argument("file", help="Tệp .docx, .pdf hoặc văn bản ('-' là đầu vào chuẩn).")

    def handle(self, *args, action, file, **options):
        if file == "-":
            name, data = "-", sys.stdin.buffer.read()
        else:
            try:
                name, data = Path(file).name, Path(file).read_bytes()
            except OSError as exc:
                self.fail(
                    _("Không đọc được tệp %(file)s: %(error)s")
                    % {"file": file, "error": exc.strerror or exc}
                )
        try:
            text = text_of(name, data)
        except UnreadableFile as exc:
            self.fail(f"{file}: {exc}")
        if not text.strip():
            self.fail(_("%(file)s: tệp không có nội dung chữ.") % {"file": file})
        draft = read_plan(text)
        package = package_of(draft)
        self.stdout.write(json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True))
        if draft.missing:
            self.stderr.write(
                _("không tìm thấy: %(fields)s") % {"fields": ", ".join(draft.missing)}
            )

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        raise SystemExit(2)

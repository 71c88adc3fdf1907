"""`thidua signing demo --unit CODE [--unit CODE]`: a demo certificate authority (trusted by
the verification page, marked demo) and a signing identity for each unit that has none.
`thidua signing import --unit CODE --p12 FILE`: a unit's real certificate from its PKCS#12
file (password from THIDUA_P12_PASSWORD, else asked for).

Exit status 0 on success; 2 with the problem on stderr and nothing changed.
"""

import getpass
import os
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from thidua.awards.services.signing import create_demo_identities, import_identity
from thidua.organizations.models import Unit


class Command(BaseCommand):
    help = "Tạo chứng thư ký số thử nghiệm hoặc nhập chứng thư số (.p12) của đơn vị."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        demo = actions.add_parser("demo", help="Tạo CA thử nghiệm và chứng thư cho các đơn vị.")
        demo.add_argument(
            "--unit", action="append", required=True, metavar="CODE", help="Mã đơn vị."
        )
        imported = actions.add_parser("import", help="Nhập chứng thư số PKCS#12 của một đơn vị.")
        imported.add_argument("--unit", required=True, metavar="CODE", help="Mã đơn vị.")
        imported.add_argument("--p12", required=True, metavar="FILE", help="Tệp .p12 / .pfx.")

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        raise SystemExit(2)

    def units(self, codes: list[str]) -> list[Unit]:
        found = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
        missing = [code for code in codes if code not in found]
        if missing:
            self.fail(_("Không có đơn vị mã: %(codes)s.") % {"codes": ", ".join(missing)})
        return [found[code] for code in dict.fromkeys(codes)]

    def handle(self, *args, action: str, unit, **options):
        try:
            if action == "demo":
                identities = create_demo_identities(self.units(unit))
                for identity in identities:
                    self.stdout.write(
                        _("Đã tạo chứng thư thử nghiệm cho %(unit)s (%(fingerprint)s).")
                        % {"unit": identity.unit.name, "fingerprint": identity.fingerprint}
                    )
                if not identities:
                    self.stdout.write(_("Các đơn vị đã có chứng thư số còn hiệu lực."))
                return
            (target,) = self.units([unit])
            try:
                data = Path(options["p12"]).read_bytes()
            except OSError as exc:
                self.fail(
                    _("Không đọc được tệp %(file)s: %(error)s")
                    % {"file": options["p12"], "error": exc}
                )
            password = os.environ.get("THIDUA_P12_PASSWORD")
            if password is None:
                password = getpass.getpass(_("Mật khẩu tệp .p12: "))
            identity = import_identity(target, data, password)
            self.stdout.write(
                _("Đã nhập chứng thư số %(subject)s cho %(unit)s, hiệu lực đến %(day)s.")
                % {
                    "subject": identity.subject,
                    "unit": target.name,
                    "day": f"{identity.not_after:%d/%m/%Y}",
                }
            )
        except ValidationError as exc:
            self.fail(" ".join(exc.messages))

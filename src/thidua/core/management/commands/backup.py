"""`thidua backup FILE.tar.gz`: the database and every stored file in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.core.backup import BackupError, create_backup, describe


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và mọi tệp đã lưu vào một tệp .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="tệp .tar.gz sẽ ghi")
        parser.add_argument("--force", action="store_true", help="ghi đè nếu tệp đã có")

    def handle(self, *args, **options):
        target = Path(options["archive"])
        if target.exists() and not options["force"]:
            raise CommandError(
                f"Tệp {target} đã có; chọn tên khác hoặc dùng --force.", returncode=2
            )
        if not target.parent.is_dir():
            raise CommandError(f"Không có thư mục {target.parent}.", returncode=2)
        try:
            manifest = create_backup(target)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(f"Đã ghi {target}: {describe(manifest)}.")

"""`thidua restore FILE.tar.gz`: a backup into an empty, migrated installation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu (thidua backup) vào một cài đặt trống đã chạy migrate; "
        "kiểm tra mã sha256 trước khi ghi, nạp dữ liệu trong một giao dịch."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="tệp .tar.gz do thidua backup ghi")

    def handle(self, *args, **options):
        source = Path(options["archive"])
        if not source.is_file():
            raise CommandError(f"Không có tệp {source}.", returncode=2)
        try:
            result = restore_backup(source, progress=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        for label, count in sorted(result.counts.items()):
            if count:
                self.stdout.write(f"  {label}: {count}")
        self.stdout.write(
            f"Đã khôi phục {sum(result.counts.values())} bản ghi và {result.files} tệp."
        )

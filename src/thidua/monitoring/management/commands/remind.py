"""`thidua remind [--date YYYY-MM-DD]`: the daily reminders of deadlines, for cron where there
is no Celery broker (with one, Celery beat runs the task `thidua.send_reminders` at 07:00)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.monitoring.services import send_reminders


def _date(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise CommandError(
            _("Ngày '%(raw)s' không hợp lệ: hãy ghi theo dạng YYYY-MM-DD.") % {"raw": raw}
        ) from exc


class Command(BaseCommand):
    help = _(
        "Nhắc hạn đăng ký thi đua và hạn báo cáo chỉ tiêu (trong hệ thống và qua thư điện tử) "
        "cho các đơn vị chưa thực hiện. Chạy lại trong ngày không gửi trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help=_("Ngày tính hạn, dạng YYYY-MM-DD (mặc định: hôm nay)."),
        )

    def handle(self, *args, date=None, **options):
        today = _date(date) if date else timezone.localdate()
        counts = send_reminders(today=today)
        self.stdout.write(
            _(
                "Nhắc hạn ngày %(day)s: %(notifications)s thông báo mới, %(emails)s thư điện tử "
                "đã gửi, %(failures)s thư gửi lỗi (sẽ gửi lại ở lần chạy sau)."
            )
            % {"day": f"{today:%d/%m/%Y}", **counts}
        )

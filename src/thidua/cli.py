"""The `thidua` console script: Django's management commands under the project's name.

It reads the same environment as manage.py and the web server, so it fails closed the same
way: on a development machine run it with THIDUA_DEBUG=1 (or give THIDUA_SECRET_KEY), e.g.
`THIDUA_DEBUG=1 thidua package import plan.json`. A configuration error is one line on
stderr and exit status 1, not a traceback.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 (loads the settings module)
    except ImproperlyConfigured as exc:
        sys.stderr.write(
            f"thidua: cấu hình chưa đúng: {exc}\n"
            "Trên máy phát triển, đặt THIDUA_DEBUG=1 (xem docs/configuration.md).\n"
        )
        raise SystemExit(1) from exc
    execute_from_command_line(["thidua", *sys.argv[1:]])

"""Benchmark of the people import: a fresh SQLite database, a generated .xlsx of N people.

Run from the project root:

    THIDUA_DEBUG=1 .venv/bin/python bench/import_people.py [--rows 10000] [--communes 20]

It imports the file first with one bad row (the import must be refused and write nothing),
then the fixed file, then the same file again (every row unchanged), then a file where every
column of every row changes, and prints the timings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import tempfile
import time
from pathlib import Path


def setup_django(var_dir: Path) -> None:
    """Point every path of the settings at a temporary folder before Django reads them."""
    os.environ.setdefault("THIDUA_DEBUG", "1")
    os.environ["THIDUA_VAR_DIR"] = str(var_dir)
    os.environ["THIDUA_MEDIA_ROOT"] = str(var_dir / "media")
    os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_registry(communes: int):
    from thidua.accounts.services import create_account
    from thidua.core.enums import Role
    from thidua.organizations import services
    from thidua.organizations.enums import UnitKind

    province = services.create_unit(
        actor=None, code="BT", name="Tỉnh Bến Tre", kind=UnitKind.PROVINCE
    )
    district = services.create_unit(
        actor=None,
        code="BT-CL",
        name="UBND huyện Chợ Lách",
        kind=UnitKind.DISTRICT,
        parent=province,
    )
    codes = []
    for number in range(1, communes + 1):
        unit = services.create_unit(
            actor=None,
            code=f"BT-CL-X{number:02d}",
            name=f"UBND xã Số {number}",
            kind=UnitKind.COMMUNE,
            parent=district,
        )
        codes.append(unit.code)
    officer = create_account(
        actor=None,
        username="noivu",
        password="mat-khau-bench-2025",
        full_name="Cán bộ Sở Nội vụ",
        unit=province,
        roles=[Role.STANDING_OFFICER],
    )
    return officer, codes


FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Ngọc", "Thanh", "Quốc", "Thu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hoa", "Hùng", "Lan", "Mai", "Nam", "Phương", "Sơn", "Yến"]


def people_xlsx(
    rows: int, unit_codes: list[str], *, bad_row: int | None = None, edit: bool = False
) -> bytes:
    """A people sheet in the template's layout; `bad_row` (an Excel row) gets an unknown unit,
    and `edit` changes every column of every person but the code.

    Written in openpyxl's normal mode, which, like Excel, records the sheet's dimension: a
    file without it (openpyxl's streaming mode) costs the reader one more pass."""
    from openpyxl import Workbook

    from thidua.organizations import exports

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = exports.PEOPLE.sheet
    sheet.append([column.header for column in exports.PEOPLE.columns])
    for number in range(rows):
        n = number + 1 if edit else number
        name = f"{FAMILY[n % 10]} {MIDDLE[n % 8]} {GIVEN[n % 12]} {GIVEN[(n // 12) % 12]}"
        unit = "X99" if number + 2 == bad_row else unit_codes[n % len(unit_codes)]
        sheet.append(
            [
                f"CB{number:06d}",
                name,
                unit,
                "Viên chức" if edit else "Cán bộ, công chức",
                "Công chức Tư pháp - Hộ tịch" if edit else "Công chức Văn phòng - Thống kê",
                "x" if n % 2 else "",
                "có" if n % 2 == 0 else "",
                dt.date(1970 + n % 30, 1 + n % 12, 1 + n % 28),
                f"cb{n}@example.gov.vn",
                f"09{n:08d}",
                "không" if edit else "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class Timing:
    """Wall-clock seconds, and the process's CPU seconds (steadier on a busy machine)."""

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall, self.cpu = wall, cpu

    def __str__(self) -> str:
        return f"{self.wall:.2f} s (CPU {self.cpu:.2f} s)"


def timed(func, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = func(*args, **kwargs)
    return result, Timing(time.perf_counter() - wall, time.process_time() - cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--communes", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="thidua-bench-") as folder:
        setup_django(Path(folder))
        from thidua.organizations import imports
        from thidua.organizations.models import Person

        officer, unit_codes = make_registry(args.communes)
        bad_row = args.rows // 2 + 2
        print(f"{args.rows} cá nhân, {len(unit_codes)} xã, SQLite tại {folder}")

        bad, write_bad = timed(people_xlsx, args.rows, unit_codes, bad_row=bad_row)
        before = Person.objects.count()
        result, check_bad = timed(imports.import_people, actor=officer, source=io.BytesIO(bad))
        after = Person.objects.count()
        print(f"\n1. Tệp có một dòng lỗi (dòng {bad_row}): ghi tệp {write_bad}")
        print(f"   bị từ chối: {bool(result['errors'])}; kiểm tra mất {check_bad}")
        for error in result["errors"]:
            print(f"   dòng {error['row']}, cột '{error['column']}': {error['message']}")
        print(f"   số cá nhân trước {before}, sau {after}: không đổi = {before == after}")

        good, write_good = timed(people_xlsx, args.rows, unit_codes)
        result, imported = timed(imports.import_people, actor=officer, source=io.BytesIO(good))
        history = Person.history.count()
        print(f"\n2. Tệp đúng: ghi tệp {write_good} ({len(good) / 1e6:.1f} MB)")
        print(
            f"   kiểm tra + nhập {imported}, {args.rows / imported.wall:,.0f} dòng/giây; "
            f"thêm {result['created']}, lỗi {result['error_count']}; "
            f"cá nhân {Person.objects.count()}, bản ghi lịch sử {history}"
        )

        result, again = timed(imports.import_people, actor=officer, source=io.BytesIO(good))
        print(
            f"\n3. Nhập lại cùng tệp: {again}, {args.rows / again.wall:,.0f} dòng/giây; "
            f"giữ nguyên {result['unchanged']}, cập nhật {result['updated']}; "
            f"bản ghi lịch sử {Person.history.count()} (không đổi = "
            f"{Person.history.count() == history})"
        )

        edited = people_xlsx(args.rows, unit_codes, edit=True)
        result, updated = timed(imports.import_people, actor=officer, source=io.BytesIO(edited))
        print(
            f"\n4. Mọi cột của mọi dòng đều đổi: {updated}, "
            f"{args.rows / updated.wall:,.0f} dòng/giây; cập nhật {result['updated']}; "
            f"bản ghi lịch sử {Person.history.count()}"
        )


if __name__ == "__main__":
    main()

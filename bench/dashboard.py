"""Benchmark of the round's dashboard: 3,500 units in blocks, a plan with 30 targets.

Run from the project root, on a temporary SQLite database:

    THIDUA_DEBUG=1 .venv/bin/python bench/dashboard.py [--units 3500] [--targets 30]

or on PostgreSQL, on a fresh database made for it (migrated here, dropped afterwards by you):

    createdb -h 127.0.0.1 -U postgres thidua_bench
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/thidua_bench \\
        THIDUA_DEBUG=1 .venv/bin/python bench/dashboard.py
    dropdb -h 127.0.0.1 -U postgres thidua_bench

It generates the data set-based (bulk inserts): units in blocks and a few participants outside
any, registrations, report periods, accepted target reports with their values, appraised PAR
assessments; then times building the dashboard's data, rendering the page and writing the
.xlsx, and prints the figures with the number of queries of each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from import_people import Timing, timed

BLOCK_SIZE = 100
OUTSIDE_BLOCKS = 100
DISTRICTS = 10
BATCH = 2000


def setup_django(var_dir: Path) -> str:
    """Settings paths in a temporary folder; the database is DATABASE_URL when given, else a
    SQLite file there. Returns the database's vendor."""
    os.environ.setdefault("THIDUA_DEBUG", "1")
    os.environ["THIDUA_VAR_DIR"] = str(var_dir)
    os.environ["THIDUA_MEDIA_ROOT"] = str(var_dir / "media")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var_dir / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    return connection.vendor


def make_units(count: int):
    """A province, districts and `count` communes; the communes in one bulk insert, their
    tree path set by one UPDATE per district."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    from thidua.core.text import fold, name_sort_key
    from thidua.organizations import services
    from thidua.organizations.enums import Level, UnitKind
    from thidua.organizations.models import Unit

    province = services.create_unit(
        actor=None, code="BENCH", name="Tỉnh Thử Nghiệm", kind=UnitKind.PROVINCE
    )
    districts = [
        services.create_unit(
            actor=None,
            code=f"BENCH-H{number:02d}",
            name=f"UBND huyện Thử {number}",
            kind=UnitKind.DISTRICT,
            parent=province,
        )
        for number in range(1, DISTRICTS + 1)
    ]
    communes = []
    for number in range(count):
        name = f"UBND xã Thử Nghiệm {number + 1:04d}"
        communes.append(
            Unit(
                code=f"BENCH-X{number + 1:04d}",
                name=name,
                kind=UnitKind.COMMUNE,
                level=Level.COMMUNE,
                parent=districts[number % DISTRICTS],
                search_name=fold(name),
                sort_key=name_sort_key(name),
            )
        )
    Unit.objects.bulk_create(communes, batch_size=BATCH)
    for district in districts:
        Unit.objects.filter(parent=district).update(
            path=Concat(Value(district.path), Cast("id", CharField()), Value("/")),
            depth=district.depth + 1,
        )
    return province, list(Unit.objects.filter(level=Level.COMMUNE).order_by("code"))


def make_round(province, units, targets: int, today: dt.date, rng: random.Random):
    """The province's plan with its blocks, targets, registrations, periods, accepted reports
    and appraised PAR assessments."""
    from django.utils import timezone

    from thidua.campaigns.models import Campaign, CampaignBlock, Participant, Round, Target
    from thidua.core.legal import in_force
    from thidua.monitoring.models import (
        ParAssessment,
        ParFramework,
        Registration,
        ReportPeriod,
        TargetReport,
        TargetValue,
    )
    from thidua.organizations.models import Block

    campaign = Campaign.objects.create(
        owner=province,
        number="99/KH-UBND",
        issued_on=dt.date(today.year, 1, 5),
        issuer=province.name,
        title="Phát động phong trào thi đua cải cách hành chính (thử nghiệm)",
        kind="thematic",
        state="in_progress",
        period_start=dt.date(today.year, 1, 1),
        period_end=dt.date(today.year, 12, 31),
    )
    round_ = Round.objects.create(
        campaign=campaign,
        code=str(today.year),
        kind="annual",
        start=dt.date(today.year, 1, 1),
        end=dt.date(today.year, 12, 31),
        registration_deadline=today - dt.timedelta(days=60),
    )
    plan_targets = Target.objects.bulk_create(
        Target(
            campaign=campaign,
            code=f"T{i + 1:02d}",
            area="tthc",
            text=f"Chỉ tiêu thử nghiệm số {i + 1}",
            metric=f"metric_{i + 1}",
            op="==" if i % 5 == 4 else ">=",
            value=True if i % 5 == 4 else 90,
            unit=None if i % 5 == 4 else "%",
            position=i,
        )
        for i in range(targets)
    )

    in_blocks, outside = units[: len(units) - OUTSIDE_BLOCKS], units[-OUTSIDE_BLOCKS:]
    blocks = Block.objects.bulk_create(
        Block(owner=province, code=f"K{i + 1:02d}", name=f"Khối thi đua số {i + 1:02d}")
        for i in range((len(in_blocks) + BLOCK_SIZE - 1) // BLOCK_SIZE)
    )
    CampaignBlock.objects.bulk_create(
        CampaignBlock(campaign=campaign, block=block, position=i) for i, block in enumerate(blocks)
    )
    Block.members.through.objects.bulk_create(
        (
            Block.members.through(block=blocks[i // BLOCK_SIZE], unit=unit)
            for i, unit in enumerate(in_blocks)
        ),
        batch_size=BATCH,
    )
    Participant.objects.bulk_create(
        Participant(campaign=campaign, unit=unit, parent=unit.parent) for unit in outside
    )

    registered = [unit for unit in units if rng.random() < 0.9]
    Registration.objects.bulk_create(
        (Registration(round=round_, unit=unit, state="accepted") for unit in registered),
        batch_size=BATCH,
    )
    periods = [("Quý I", -75), ("Quý II", -15), ("Quý III", 75)]
    ReportPeriod.objects.bulk_create(
        ReportPeriod(round=round_, name=name, due=today + dt.timedelta(days=days))
        for name, days in periods
    )
    now = timezone.now()
    reports = [
        TargetReport(
            round=round_,
            unit=unit,
            period=name,
            state="accepted",
            decided_at=now + dt.timedelta(days=days),
        )
        for name, days in periods[:2]
        for unit in registered
        if rng.random() < 0.8
    ]
    TargetReport.objects.bulk_create(reports, batch_size=BATCH)
    TargetValue.objects.bulk_create(
        (
            TargetValue(
                report=report,
                target=target,
                value=rng.random() < 0.8
                if isinstance(target.value, bool)
                else round(rng.uniform(84, 100), 1),
            )
            for report in reports
            for target in plan_targets
            if rng.random() < 0.95
        ),
        batch_size=BATCH,
    )

    framework = ParFramework.objects.create(
        year=today.year, level="commune", name="Bộ tiêu chí thử nghiệm", created_at=now
    )
    bands = in_force("par_score_bands", on=dt.date(today.year, 12, 31))
    assessments = []
    for unit in units:
        if rng.random() < 0.85:
            total = Decimal(str(round(rng.uniform(45, 98), 2)))
            rating = next(band["rating"] for band in bands if total >= band["min"])
            assessments.append(
                ParAssessment(
                    framework=framework,
                    unit=unit,
                    state="appraised",
                    self_total=total,
                    appraised_total=total,
                    rating=rating,
                    appraised_at=now,
                )
            )
    ParAssessment.objects.bulk_create(assessments, batch_size=BATCH)
    return round_, {
        "blocks": len(blocks),
        "registrations": len(registered),
        "reports": len(reports),
        "values": TargetValue.objects.count(),
        "assessments": len(assessments),
    }


def counted(func, *args, **kwargs):
    """The result, its timing and the number of queries it ran."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result, timing = timed(func, *args, **kwargs)
    return result, timing, len(queries)


def best_of(runs: int, func, *args) -> tuple[Timing, Timing, int]:
    """Best and median of several runs (a shared machine is noisy), and the query count."""
    timings, queries = [], 0
    for _ in range(runs):
        _result, timing, queries = counted(func, *args)
        timings.append(timing)
    best = min(timings, key=lambda t: t.wall)
    median = Timing(
        statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings)
    )
    return best, median, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=3500)
    parser.add_argument("--targets", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="thidua-bench-") as folder:
        vendor = setup_django(Path(folder))
        from django.test import Client
        from django.urls import reverse
        from django.utils import timezone

        from thidua.accounts.services import create_account
        from thidua.core.enums import Role
        from thidua.monitoring.dashboard import build_dashboard

        today = timezone.localdate()
        rng = random.Random(2025)
        (province, units), made_units = timed(make_units, args.units)
        (round_, made), made_round = timed(make_round, province, units, args.targets, today, rng)
        officer = create_account(
            actor=None,
            username="noivu-bench",
            password="mat-khau-bench-2025",
            full_name="Cán bộ Sở Nội vụ",
            unit=province,
            roles=[Role.STANDING_OFFICER],
        )
        print(
            f"{vendor}: {len(units)} đơn vị trong {made['blocks']} khối và "
            f"{OUTSIDE_BLOCKS} ngoài khối, {args.targets} chỉ tiêu, {made['registrations']} "
            f"đăng ký, {made['reports']} báo cáo được chấp nhận, {made['values']} giá trị, "
            f"{made['assessments']} kết quả CCHC đã thẩm định"
        )
        print(f"tạo dữ liệu: đơn vị {made_units}, kế hoạch và số liệu {made_round}")

        board = build_dashboard(round_)
        print(
            f"bảng theo dõi: {len(board.units)} đơn vị, {len(board.lagging)} chậm tiến độ, "
            f"{sum(len(late.units) for late in board.overdue)} báo cáo quá hạn"
        )
        best, median, queries = best_of(args.runs, build_dashboard, round_)
        print(
            f"\n1. Dựng số liệu (build_dashboard): tốt nhất {best}, trung vị {median}; "
            f"{queries} truy vấn"
        )

        client = Client(HTTP_HOST="localhost")
        client.force_login(officer)
        for label, name in (
            ("2. Trang (HTML)", "round_dashboard"),
            ("3. Tệp .xlsx", "round_dashboard_xlsx"),
        ):
            url = reverse(name, args=[round_.pk])
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            best, median, queries = best_of(args.runs, client.get, url)
            print(
                f"{label}: tốt nhất {best}, trung vị {median}; {queries} truy vấn; "
                f"{len(response.content) / 1e3:,.0f} kB"
            )


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\ntổng thời gian: {time.perf_counter() - started:.1f} s")

"""Load benchmark: a province's data on PostgreSQL, gunicorn, 20 then 50 logged-in users.

Run from the project root (PostgreSQL on 127.0.0.1:5432, user postgres, trust; Redis on
127.0.0.1:6379):

    .venv/bin/python bench/load.py                      # generate, run 20 and 50 users, drop
    .venv/bin/python bench/load.py --keep               # keep the database `thidua_load`
    .venv/bin/python bench/load.py --reuse              # reuse it when complete (else generate)
    .venv/bin/python bench/load.py --users 20,50 --requests 2000 --workers 3 --json out.json
    .venv/bin/python bench/load.py --scale small --queries   # a small data set; query counts

It creates the database `thidua_load` and generates, set-based, a province with 100 units at
each level below it (departments, districts, communes), 20,000 people and five years of
plans (the last five years, the current one in progress): registrations of every unit,
quarterly target reports, PAR assessments, nominations; for each past year a council session
run through the services (votes, confirmed awards) and a decision issued (signed) through
the services, so that the honour roll has content. Then it serves the product with gunicorn
(`thidua.wsgi`, settings `bench.load_settings`: the product's plus a bare view at
`/bench/bare/`) and, for each number of users, logs them in through the login form and sends a
fixed number of requests: each user repeats the mix of its role without pause (the office:
dashboard, campaign, unit, council session, honour roll, bare view; a commune's focal
officer: campaign, unit, save the target report, save the nomination, honour roll, bare
view). It prints, per page, the count, requests per second, p50/p95/p99 in milliseconds,
the errors and p95 / p95 of the bare view; exits 1 if any request failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB_NAME = "thidua_load"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
DATABASE_URL = f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}"
REDIS_URL = "redis://127.0.0.1:6379/5"
PASSWORD = "mat-khau-tai-2026"
SIGNING_PASSPHRASE = "bench-load-signing"
PROVINCE = "LT"
BATCH = 2000
# Bump when the generated data changes shape: --reuse regenerates an older database.
DATA_VERSION = 1

# What each role asks for, in order; a user repeats its cycle, starting where its index says.
CYCLES = {
    "office": ["dashboard", "campaign", "unit", "council", "honour", "bare"],
    "focal": ["campaign", "unit", "report", "nomination", "honour", "bare"],
}
PAGES = ["dashboard", "campaign", "unit", "council", "honour", "report", "nomination", "bare"]
# The status a request must get: a page 200, a saved form its redirect.
EXPECTED = {"report": 302, "nomination": 302}
OFFICE_SHARE = 3  # one user in three is an officer of the province's standing office


@dataclass(frozen=True)
class Scale:
    per_level: int  # departments, districts and communes: this many each
    people: int
    years: int
    accounts: int  # focal officers (one per commune, at most per_level)
    officers: int  # standing officers of the province


SCALES = {
    "province": Scale(per_level=100, people=20_000, years=5, accounts=100, officers=20),
    "small": Scale(per_level=12, people=600, years=3, accounts=12, officers=6),
}


# --- Pure parts (tests/bench/test_load.py) ---------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between the closest ranks, as
    numpy's default; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def roles_for(users: int) -> list[str]:
    """One user in OFFICE_SHARE is an officer of the standing office, spread among the
    others: user 0, 3, 6... ."""
    return ["office" if i % OFFICE_SHARE == 0 else "focal" for i in range(users)]


def build_mix(roles: list[str], total: int) -> list[list[str]]:
    """The pages each user asks for: `total` requests shared as evenly as possible (the first
    users take one more), each user going round the cycle of its role from an offset of its
    own, so that at any moment the users ask for different pages."""
    users = len(roles)
    mixes = []
    for index, role in enumerate(roles):
        cycle = CYCLES[role]
        count = total // users + (1 if index < total % users else 0)
        start = index % len(cycle)
        mixes.append([cycle[(start + n) % len(cycle)] for n in range(count)])
    return mixes


def summarize(samples: list[tuple[str, float, bool]], wall: float) -> dict:
    """Per page: count, requests per second (over the level's wall time), p50/p95/p99 in
    ms, errors, and p95 over the bare view's p95; and the totals."""
    by_page: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    for page, ms, ok in samples:
        by_page.setdefault(page, []).append(ms)
        errors[page] = errors.get(page, 0) + (0 if ok else 1)
    bare = percentile(by_page.get("bare", []), 95)
    rows = []
    for page in [p for p in PAGES if p in by_page] + sorted(set(by_page) - set(PAGES)):
        times = by_page[page]
        p95 = percentile(times, 95)
        rows.append(
            {
                "page": page,
                "count": len(times),
                "rps": len(times) / wall if wall else math.nan,
                "p50": percentile(times, 50),
                "p95": p95,
                "p99": percentile(times, 99),
                "errors": errors[page],
                "ratio": p95 / bare if bare else math.nan,
            }
        )
    return {
        "requests": len(samples),
        "seconds": wall,
        "rps": len(samples) / wall if wall else math.nan,
        "errors": sum(errors.values()),
        "pages": rows,
    }


def format_table(users: int, summary: dict) -> str:
    """The table of one level, as printed."""
    lines = [
        f"{users} người dùng đồng thời: {summary['requests']} yêu cầu trong "
        f"{summary['seconds']:.1f} s = {summary['rps']:.1f} yêu cầu/s, "
        f"{summary['errors']} lỗi",
        f"{'trang':<12}{'số yc':>7}{'yc/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'lỗi':>6}{'p95/bare':>10}",
    ]
    for row in summary["pages"]:
        lines.append(
            f"{row['page']:<12}{row['count']:>7}{row['rps']:>8.1f}{row['p50']:>9.1f}"
            f"{row['p95']:>9.1f}{row['p99']:>9.1f}{row['errors']:>6}{row['ratio']:>10.2f}"
        )
    return "\n".join(lines)


def main_pages_within(summary: dict, factor: float = 3.0) -> bool:
    """Whether every main page's p95 is at most `factor` times the bare view's."""
    return all(
        row["ratio"] <= factor
        for row in summary["pages"]
        if row["page"] in CYCLES["office"] + CYCLES["focal"] and row["page"] != "bare"
    )


# --- The database ---------------------------------------------------------------------------


def _admin():
    import psycopg

    return psycopg.connect(dbname="postgres", autocommit=True, **PG)


def database_marker() -> str | None:
    """The comment the generator leaves on a complete database, or None without one."""
    with _admin() as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [DB_NAME],
        ).fetchone()
    return None if row is None else (row[0] or "")


def marker_for(scale: str) -> str:
    return f"thidua load bench v{DATA_VERSION} scale={scale} complete"


def recreate_database() -> None:
    with _admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def mark_complete(scale: str) -> None:
    with _admin() as conn:
        conn.execute(f"COMMENT ON DATABASE {DB_NAME} IS '{marker_for(scale)}'")


def drop_database() -> None:
    with _admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


# --- The data -------------------------------------------------------------------------------


def _unit(parent, kind: str, code: str, name: str):
    from thidua.core.text import fold, name_sort_key
    from thidua.organizations.models import Unit
    from thidua.organizations.services import level_for

    return Unit(
        code=code,
        name=name,
        kind=kind,
        level=level_for(kind, parent),
        parent=parent,
        path=f"{parent.path}",  # completed with the id below
        depth=parent.depth + 1,
        search_name=fold(name),
        sort_key=name_sort_key(name),
    )


def make_units(scale: Scale):
    """The province (through the service); departments and districts under it and one commune
    under each district, in bulk; each new unit's tree path completed by one UPDATE."""
    from django.db.models import CharField, F, Value
    from django.db.models.functions import Cast, Concat

    from thidua.organizations import services
    from thidua.organizations.enums import UnitKind
    from thidua.organizations.models import Unit

    province = services.create_unit(
        actor=None, code=PROVINCE, name="Tỉnh Thử Tải", kind=UnitKind.PROVINCE
    )
    n = scale.per_level
    departments = [
        _unit(province, UnitKind.DEPARTMENT, f"{PROVINCE}-S{i:03d}", f"Sở Chuyên ngành {i:03d}")
        for i in range(1, n + 1)
    ]
    districts = [
        _unit(province, UnitKind.DISTRICT, f"{PROVINCE}-H{i:03d}", f"UBND huyện Thử {i:03d}")
        for i in range(1, n + 1)
    ]
    Unit.objects.bulk_create(departments + districts, batch_size=BATCH)
    fill = Concat(F("path"), Cast("id", CharField()), Value("/"))
    Unit.objects.filter(parent=province).update(path=fill)
    for district in districts:
        district.path = f"{province.path}{district.pk}/"
    communes = [
        _unit(district, UnitKind.COMMUNE, f"{PROVINCE}-X{i:03d}", f"UBND xã Thử {i:03d}")
        for i, district in enumerate(districts, start=1)
    ]
    Unit.objects.bulk_create(communes, batch_size=BATCH)
    Unit.objects.filter(kind=UnitKind.COMMUNE, code__startswith=PROVINCE).update(path=fill)
    return province


def make_people(scale: Scale, units) -> int:
    """People spread over every unit round-robin, the first two of each unit its leaders."""
    from import_people import FAMILY, GIVEN, MIDDLE
    from thidua.organizations.enums import Position, UnitKind
    from thidua.organizations.models import Person
    from thidua.organizations.services import prepare_person

    seen: dict[int, int] = {}
    people = []
    for number in range(scale.people):
        unit = units[number % len(units)]
        rank = seen[unit.pk] = seen.get(unit.pk, 0) + 1
        body = unit.kind == UnitKind.DEPARTMENT
        if rank == 1:
            position = Position.HEAD if body else Position.CHAIRMAN
        elif rank == 2:
            position = Position.DEPUTY_HEAD if body else Position.VICE_CHAIRMAN
        else:
            position = Position.CIVIL_SERVANT if number % 3 else Position.PUBLIC_EMPLOYEE
        n = number
        name = f"{FAMILY[n % 10]} {MIDDLE[(n // 10) % 8]} {GIVEN[(n // 80) % 12]}"
        people.append(
            prepare_person(
                Person(
                    code=f"{PROVINCE}-P{number + 1:05d}",
                    full_name=name,
                    unit=unit,
                    position=position,
                    job_title=Position(position).label,
                    female=bool(n % 2),
                    direct_reform_work=n % 5 == 0,
                    birth_date=dt.date(1965 + n % 35, 1 + n % 12, 1 + n % 28),
                )
            )
        )
    Person.objects.bulk_create(people, batch_size=BATCH)
    return len(people)


def make_accounts(scale: Scale, province, communes):
    """Standing officers, council members and a leader of the province; a focal officer for
    each of the first communes. The password is hashed once (PBKDF2 is slow on purpose)."""
    from unittest import mock

    from django.contrib.auth.hashers import make_password

    from thidua.accounts.services import create_account
    from thidua.core.enums import Role

    hashed = make_password(PASSWORD)
    made = []
    with mock.patch("django.contrib.auth.base_user.make_password", lambda raw: hashed):

        def account(username, full_name, unit, role):
            made.append(
                create_account(
                    actor=None,
                    username=username,
                    password=PASSWORD,
                    full_name=full_name,
                    unit=unit,
                    roles=[role],
                )
            )

        for i in range(1, scale.officers + 1):
            account(f"thuongtruc{i:02d}", f"Cán bộ Sở Nội vụ {i:02d}", province, "standing_officer")
        for i, name in enumerate(["Lê Văn Chủ", "Phạm Thị Phó", "Võ Văn Ký", "Đỗ Thị Viên"], 1):
            account(f"hoidong{i}", name, province, Role.COUNCIL_MEMBER)
        account("lanhdao", "Trần Văn Lãnh", province, Role.LEADER)
        for i, commune in enumerate(communes[: scale.accounts], start=1):
            account(f"daumoi{i:03d}", f"Cán bộ đầu mối xã {i:03d}", commune, Role.FOCAL_OFFICER)
    return made


TARGETS = 10


def _targets() -> list[dict]:
    areas = ["tthc", "digital_government", "civil_service", "institution", "direction"]
    targets = []
    for i in range(TARGETS):
        yes_no = i % 5 == 4
        targets.append(
            {
                "code": f"T{i + 1:02d}",
                "area": areas[i % len(areas)],
                "text": f"Chỉ tiêu cải cách hành chính số {i + 1}"
                + (": không có vi phạm kỷ luật, kỷ cương." if yes_no else " đạt từ 90% trở lên."),
                "metric": f"chi_tieu_{i + 1}",
                "op": "==" if yes_no else ">=",
                "value": True if yes_no else 90,
                "unit": None if yes_no else "%",
                "if_applicable": False,
            }
        )
    return targets


def package_for(year: int, number: int, units, competitors, rng: random.Random) -> dict:
    """The province's plan of a year as a `thidua-campaign/1` package naming existing units and
    people (matched by code: the import creates none)."""
    from thidua.organizations.enums import UnitKind

    block_of = {UnitKind.DEPARTMENT: "SBN", UnitKind.DISTRICT: "HUYEN", UnitKind.COMMUNE: "XA"}
    parents = {u.pk: u.code for u in units}
    unit_rows = [
        {
            "code": u.code,
            "name": u.name,
            "block": block_of.get(u.kind),
            "parent": parents.get(u.parent_id),
        }
        for u in units
    ]
    scored = [u for u in units if u.parent_id is not None]
    unit_scores = rng.sample(range(len(scored)), len(scored))
    person_scores = rng.sample(range(len(competitors)), len(competitors))
    line = {
        "amount": None,
        "awarded_by": "Chủ tịch UBND tỉnh",
        "cap": False,
        "exclusive": True,
        "from_line": None,
        "higher_level": False,
        "per_unit_max": None,
        "positions": None,
        "priority": [],
        "rank_by": "score",
        "round_kind": "annual",
        "tie_break": [],
        "tiers": None,
    }
    return {
        "format": "thidua-campaign/1",
        "campaign": {
            "number": f"{number}/KH-UBND",
            "issued_on": f"{year}-02-01",
            "issuer": "UBND tỉnh Thử Tải",
            "place": "Thử Tải",
            "title": "Kế hoạch phát động phong trào thi đua đẩy mạnh cải cách hành chính "
            f"tỉnh Thử Tải năm {year}",
            "kind": "thematic",
            "period": {"start": f"{year}-02-01", "end": f"{year}-12-31"},
            "implements": None,
            "purposes": ["Động viên các cơ quan, đơn vị, địa phương thi đua cải cách hành chính."],
            "requirements": [],
            "contents": [
                "Thi đua giải quyết thủ tục hành chính đúng hạn, trực tuyến.",
                "Thi đua nâng cao Chỉ số cải cách hành chính.",
            ],
            "scope": None,
            "funding": "Quỹ thi đua, khen thưởng tỉnh.",
            "recipients": [],
            "signer": {"name": "Nguyễn Văn Tỉnh", "title": "CHỦ TỊCH", "capacity": None},
            "targets": _targets(),
            "rounds": [
                {
                    "code": str(year),
                    "kind": "annual",
                    "start": f"{year}-01-01",
                    "end": f"{year}-12-31",
                    "review": f"Quý I/{year + 1}",
                    "registration_deadline": f"{year}-03-15",
                    "nomination_deadline": f"{year + 1}-01-10",
                }
            ],
            "dossier": [],
            "assignments": [],
        },
        "units": unit_rows,
        "blocks": [
            {"code": "SBN", "name": "Khối các sở, ban, ngành"},
            {"code": "HUYEN", "name": "Khối UBND cấp huyện"},
            {"code": "XA", "name": "Khối UBND cấp xã"},
        ],
        "people": [
            {
                "code": p.code,
                "name": p.full_name,
                "unit": p.unit.code,
                "position": p.position,
                "female": p.female,
                "direct_reform_work": p.direct_reform_work,
            }
            for p in competitors
        ],
        "scales": {},
        "metrics": [
            {"key": "score", "kind": "number", "scale": None, "text": "Điểm thi đua (thang 100)"}
        ]
        + [
            {
                "key": t["metric"],
                "kind": "boolean" if isinstance(t["value"], bool) else "number",
                "scale": None,
                "text": t["text"],
            }
            for t in _targets()
        ],
        "eligibility": {"collective": [], "individual": []},
        "scheme": [
            {
                **line,
                "id": "TT-SBN",
                "form": "Bằng khen của Chủ tịch UBND tỉnh",
                "subject": "collective",
                "block": "SBN",
                "count": 3,
                "amount": 3_000_000,
            },
            {
                **line,
                "id": "TT-HUYEN",
                "form": "Bằng khen của Chủ tịch UBND tỉnh",
                "subject": "collective",
                "block": "HUYEN",
                "count": 3,
                "amount": 3_000_000,
            },
            {
                **line,
                "id": "TT-XA",
                "form": "Bằng khen của Chủ tịch UBND tỉnh",
                "subject": "collective",
                "block": "XA",
                "count": 5,
                "amount": 2_000_000,
            },
            {
                **line,
                "id": "CN",
                "form": "Bằng khen của Chủ tịch UBND tỉnh",
                "subject": "individual",
                "block": None,
                "count": 10,
                "amount": 1_000_000,
            },
        ],
        "results": {
            str(year): {
                "units": [
                    {
                        "unit": u.code,
                        "registered": True,
                        "metrics": {"score": round(60 + 0.1 * unit_scores[i], 1)},
                    }
                    for i, u in enumerate(scored)
                ],
                "people": [
                    {
                        "person": p.code,
                        "registered": True,
                        "metrics": {"score": round(60 + 0.05 * person_scores[i], 2)},
                    }
                    for i, p in enumerate(competitors)
                ],
                "adhoc": [],
            }
        },
    }


def make_plan(year: int, number: int, units, competitors, rng):
    from thidua.campaigns import services as campaign_services

    data = package_for(year, number, units, competitors, rng)
    campaign = campaign_services.import_package(actor=None, data=data)
    campaign_services.issue_campaign(
        actor=None,
        campaign=campaign,
        number=data["campaign"]["number"],
        issued_on=dt.date(year, 2, 1),
    )
    campaign_services.start_campaign(actor=None, campaign=campaign)
    campaign.refresh_from_db()
    return campaign, campaign.rounds.get()


def quarters(year: int) -> list[tuple[str, dt.date]]:
    return [
        (f"Quý I/{year}", dt.date(year, 4, 10)),
        (f"Quý II/{year}", dt.date(year, 7, 10)),
        (f"Quý III/{year}", dt.date(year, 10, 10)),
        (f"Quý IV/{year}", dt.date(year + 1, 1, 10)),
    ]


def follow_round(round_, units, today: dt.date, rng: random.Random) -> dict:
    """Every unit registered (accepted) with its commitments, the four quarters as report
    periods, accepted reports with every target's value for the quarters already due, and
    the year's PAR assessments appraised when the year is over."""
    from django.utils import timezone

    from thidua.core.legal import in_force
    from thidua.monitoring.models import (
        ParAssessment,
        ParFramework,
        Registration,
        RegistrationCommitment,
        ReportPeriod,
        TargetReport,
        TargetValue,
    )

    year = round_.start.year
    targets = list(round_.campaign.targets.all())
    now = timezone.now()
    registered = Registration.objects.bulk_create(
        (
            Registration(
                round=round_, unit=unit, state="accepted", submitted_at=now, decided_at=now
            )
            for unit in units
        ),
        batch_size=BATCH,
    )
    RegistrationCommitment.objects.bulk_create(
        (
            RegistrationCommitment(registration=registration, target=target, value=target.value)
            for registration in registered
            for target in targets
        ),
        batch_size=BATCH,
    )
    periods = ReportPeriod.objects.bulk_create(
        ReportPeriod(round=round_, name=name, due=due) for name, due in quarters(year)
    )
    reports = [
        TargetReport(
            round=round_,
            unit=unit,
            period=period.name,
            state="accepted",
            submitted_at=now,
            decided_at=now,
        )
        for period in periods
        if period.due <= today
        for unit in units
        if rng.random() < 0.95
    ]
    TargetReport.objects.bulk_create(reports, batch_size=BATCH)
    TargetValue.objects.bulk_create(
        (
            TargetValue(
                report=report,
                target=target,
                value=rng.random() < 0.85
                if isinstance(target.value, bool)
                else round(rng.uniform(80, 100), 1),
            )
            for report in reports
            for target in targets
        ),
        batch_size=BATCH,
    )
    assessments = 0
    if dt.date(year, 12, 31) < today:
        bands = in_force("par_score_bands", on=dt.date(year, 12, 31))
        for level in sorted({unit.level for unit in units}):
            framework = ParFramework.objects.create(
                year=year, level=level, name=f"Bộ tiêu chí chỉ số CCHC năm {year}", created_at=now
            )
            rows = []
            for unit in units:
                if unit.level != level:
                    continue
                total = Decimal(str(round(rng.uniform(60, 98), 2)))
                rows.append(
                    ParAssessment(
                        framework=framework,
                        unit=unit,
                        state="appraised",
                        self_total=total,
                        appraised_total=total,
                        rating=next(band["rating"] for band in bands if total >= band["min"]),
                        appraised_at=now,
                    )
                )
            ParAssessment.objects.bulk_create(rows, batch_size=BATCH)
            assessments += len(rows)
    return {"reports": len(reports), "assessments": assessments}


def _nomination(round_, line, unit, person, state, created_at):
    from thidua.awards.models import Nomination

    who = person.full_name if person else unit.name
    return Nomination(
        round=round_,
        line=line,
        proposer=unit,
        subject="individual" if person else "collective",
        unit=unit,
        person=person,
        state=state,
        achievements=f"{who} hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm "
        f"{round_.code}, tỷ lệ hồ sơ đúng hạn trên 99%.",
        submitted_at=created_at if state != "draft" else None,
        created_at=created_at,
    )


def award_cycle(round_, number: int, officer, leader, rng) -> int:
    """Nominations of the engine's proposal and a few others (sent, received), the list
    disclosed, then through the services: the council session (members, votes, closing,
    the proposed seats confirmed), the decision drafted, completed and issued (signed)."""
    from django.utils import timezone

    from thidua.awards.enums import MemberRole
    from thidua.awards.models import Disclosure, Nomination
    from thidua.awards.selectors import proposal_of
    from thidua.awards.services import council, decisions
    from thidua.demo.awards import on
    from thidua.organizations.models import Person, Unit

    year = int(round_.code)
    lines = {line.line_id: line for line in round_.campaign.lines.all()}
    proposal = proposal_of(round_)
    seats = {(a["line"], a["code"]): a for a in proposal.result["awards"]}
    codes = {code for _line, code in seats}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    people = {p.code: p for p in Person.objects.filter(code__in=codes).select_related("unit")}
    sent = timezone.make_aware(dt.datetime(year + 1, 1, 3, 9))
    rows = []
    for (line_id, code), _award in seats.items():
        person = people.get(code)
        unit = person.unit if person else units[code]
        rows.append(_nomination(round_, lines[line_id], unit, person, "pending", sent))
    # Candidates the council does not award: communes without a seat.
    others = Unit.objects.filter(participations__campaign=round_.campaign_id, kind="commune")
    for unit in others.exclude(code__in=codes).order_by("code")[:15]:
        rows.append(_nomination(round_, lines["TT-XA"], unit, None, "pending", sent))
    Nomination.objects.bulk_create(rows)
    Disclosure.objects.create(
        round=round_,
        starts_on=dt.date(year + 1, 1, 5),
        ends_on=dt.date(year + 1, 1, 11),
        note="Niêm yết tại trụ sở UBND tỉnh và trên Cổng thông tin điện tử tỉnh.",
        published_by=officer,
        published_at=timezone.make_aware(dt.datetime(year + 1, 1, 5, 8)),
    )
    held_on = dt.date(year + 1, 1, 17)
    roles = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER]
    with on(held_on, hour=8):
        members = council.members_from_accounts(round_)
        for member, role in zip(members, roles, strict=False):
            member["role"] = role
        session = council.create_session(
            actor=officer,
            round=round_,
            held_on=held_on,
            place="Phòng họp số 1, UBND tỉnh Thử Tải",
            secret_ballot=False,
            members=members,
        )
        council.open_voting(actor=officer, session=session)
        proposed = {row.pk for row in rows[: len(seats)]}
        ids = list(Nomination.objects.filter(round=round_).values_list("pk", flat=True))
        for member in session.members.select_related("user"):
            council.cast_votes(
                actor=member.user,
                session=session,
                votes={pk: pk in proposed or rng.random() < 0.5 for pk in ids},
            )
        council.close_voting(actor=officer, session=session)
        seated = Nomination.objects.filter(round=round_).select_related("line", "unit", "person")
        for nomination in seated:
            code = nomination.person.code if nomination.person_id else nomination.unit.code
            award = seats.get((nomination.line.line_id, code))
            if award is None:
                continue
            council.confirm_award(
                actor=officer, session=session, nomination=nomination, tier=award["tier"] or ""
            )
        council.set_conclusion(
            actor=officer,
            session=session,
            conclusion="Hội đồng thống nhất đề nghị Chủ tịch UBND tỉnh khen thưởng các tập thể, "
            "cá nhân có tên trên.",
        )
    signed_on = dt.date(year + 1, 1, 20)
    with on(signed_on):
        decision = decisions.draft_decision(actor=officer, round=round_)
        decisions.update_decision(
            actor=officer,
            decision=decision,
            number=f"{number}/QĐ-UBND",
            signed_on=signed_on,
            signer_name="Nguyễn Văn Tỉnh",
            signer_title="CHỦ TỊCH",
            place="Thử Tải",
            summary=decision.summary,
        )
    decision = decisions.issue_decision(actor=leader, decision=decision)
    return decision.awards.count()


def generate(scale: Scale, today: dt.date) -> None:
    """The whole data set, printed step by step with its time."""
    from django.db import transaction

    from import_people import timed
    from thidua.accounts.models import User
    from thidua.awards.models import Nomination
    from thidua.awards.services.signing import create_demo_identities
    from thidua.campaigns import services as campaign_services
    from thidua.organizations.enums import UnitKind
    from thidua.organizations.models import Person, Unit

    rng = random.Random(2026)
    province, took = timed(make_units, scale)
    units = list(Unit.objects.order_by("path"))
    below = [u for u in units if u.parent_id is not None]
    communes = [u for u in units if u.kind == UnitKind.COMMUNE]
    communes.sort(key=lambda u: u.code)
    print(f"  đơn vị: {len(units)} ({took})")
    count, took = timed(make_people, scale, units)
    print(f"  cá nhân: {count} ({took})")
    accounts, took = timed(make_accounts, scale, province, communes)
    print(f"  tài khoản: {len(accounts)} ({took})")
    officer = User.objects.get(username="thuongtruc01")
    leader = User.objects.get(username="lanhdao")
    create_demo_identities([province])
    # Competitors of each plan: the first three people of each commune, the head of each
    # department.
    competitors = []
    for unit_people in itertools.groupby(
        Person.objects.filter(unit__kind__in=[UnitKind.COMMUNE, UnitKind.DEPARTMENT])
        .select_related("unit")
        .order_by("unit_id", "id"),
        key=lambda p: p.unit_id,
    ):
        group = list(unit_people[1])
        competitors += group[: 3 if group[0].unit.kind == UnitKind.COMMUNE else 1]
    years = list(range(today.year - scale.years + 1, today.year + 1))
    for number, year in enumerate(years, start=1):
        with transaction.atomic():
            (campaign, round_), took = timed(make_plan, year, 100 + number, units, competitors, rng)
            made, took_follow = timed(follow_round, round_, below, today, rng)
            line = f"  {year}: kế hoạch ({took}), {made['reports']} báo cáo chỉ tiêu, "
            line += f"{made['assessments']} kết quả CCHC ({took_follow})"
            if year < today.year:
                awarded, took = timed(award_cycle, round_, number, officer, leader, rng)
                campaign_services.close_campaign(actor=None, campaign=campaign)
                line += f", hội đồng và quyết định: {awarded} khen thưởng ({took})"
            else:
                # The year in progress: a draft collective nomination of each commune with a
                # focal officer (the benchmark's users save it again and again).
                xa = campaign.lines.get(line_id="TT-XA")
                now = dt.datetime.now(dt.UTC)
                Nomination.objects.bulk_create(
                    _nomination(round_, xa, unit, None, "draft", now)
                    for unit in communes[: scale.accounts]
                )
                line += f", {scale.accounts} đề nghị đang soạn"
        print(line)


@dataclass
class Target:
    code: str
    yes_no: bool


@dataclass
class World:
    """What the client needs to know: ids, names, who is who."""

    campaign: int
    round: int
    session: int
    period: str
    targets: list[Target]
    honour_years: list[int]
    units: list[int]
    officers: list[str]
    focals: list[tuple[str, int, int]]  # username, commune id, nomination id


def read_world(today: dt.date) -> World:
    from thidua.accounts.models import User
    from thidua.awards.models import CouncilSession, Decision, Nomination
    from thidua.campaigns.models import Campaign
    from thidua.monitoring.forms.periods import default_period
    from thidua.organizations.models import Unit

    campaign = Campaign.objects.filter(owner__code=PROVINCE, state="in_progress").latest("id")
    round_ = campaign.rounds.get()
    session = CouncilSession.objects.filter(round__campaign__owner__code=PROVINCE).latest("held_on")
    period = default_period(list(round_.report_periods.all()), today)
    nominations = {n.unit_id: n.pk for n in Nomination.objects.filter(round=round_, state="draft")}
    focals = [
        (user.username, user.unit_id, nominations[user.unit_id])
        for user in User.objects.filter(username__startswith="daumoi").order_by("username")
    ]
    return World(
        campaign=campaign.pk,
        round=round_.pk,
        session=session.pk,
        period=period,
        targets=[Target(t.code, isinstance(t.value, bool)) for t in campaign.targets.all()],
        honour_years=sorted(
            {d.signed_on.year for d in Decision.objects.filter(state="issued")}, reverse=True
        ),
        units=list(
            Unit.objects.filter(parent__isnull=False).order_by("code").values_list("pk", flat=True)
        ),
        officers=list(
            User.objects.filter(username__startswith="thuongtruc")
            .order_by("username")
            .values_list("username", flat=True)
        ),
        focals=focals,
    )


# --- The server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, workers: int, threads: int, var_dir: Path) -> subprocess.Popen:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("THIDUA_", "DJANGO_")) and key != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.load_settings",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        THIDUA_DEBUG="0",
        THIDUA_SECRET_KEY="bench",
        THIDUA_ALLOWED_HOSTS="127.0.0.1",
        THIDUA_SECURE_COOKIES="0",
        THIDUA_SSL_REDIRECT="0",
        THIDUA_STATIC_MANIFEST="0",
        THIDUA_VAR_DIR=str(var_dir),
        THIDUA_MEDIA_ROOT=str(var_dir / "media"),
        THIDUA_SIGNING_PASSPHRASE=SIGNING_PASSPHRASE,
        THIDUA_CACHE_PREFIX="thidua-load",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        PYTHONPYCACHEPREFIX=str(var_dir / "pycache"),
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [
        str(gunicorn),
        "thidua.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
        "--timeout",
        "120",
        "--backlog",
        "512",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def wait_ready(base: str, server: subprocess.Popen, seconds: float = 90) -> None:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn đã dừng (mã {server.returncode})")
        try:
            if requests.get(base + "/bench/bare/", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn không trả lời")


# --- The client -----------------------------------------------------------------------------

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class LoadUser:
    username: str
    role: str
    unit: int | None = None
    nomination: int | None = None
    session: object = None
    saved: str = ""  # the last achievements this user saved on its nomination
    counter: int = 0
    samples: list = field(default_factory=list)


def log_in(base: str, user: LoadUser) -> None:
    import requests

    session = requests.Session()
    page = session.get(base + "/dang-nhap/", timeout=60)
    token = TOKEN.search(page.text)
    if page.status_code != 200 or token is None:
        raise SystemExit(f"{user.username}: không mở được trang đăng nhập ({page.status_code})")
    answer = session.post(
        base + "/dang-nhap/",
        data={
            "username": user.username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": token.group(1),
        },
        allow_redirects=False,
        timeout=60,
    )
    if answer.status_code != 302 or "sessionid" not in session.cookies:
        raise SystemExit(f"{user.username}: đăng nhập không được ({answer.status_code})")
    user.session = session


def request_for(page: str, user: LoadUser, world: World, rng: random.Random):
    """(method, path, form data) of one request."""
    if page == "dashboard":
        return "GET", f"/dot/{world.round}/bang-theo-doi/", None
    if page == "campaign":
        return "GET", f"/ke-hoach/{world.campaign}/", None
    if page == "unit":
        unit = user.unit if user.role == "focal" else rng.choice(world.units)
        return "GET", f"/don-vi/{unit}/", None
    if page == "council":
        return "GET", f"/hoi-dong/{world.session}/", None
    if page == "honour":
        year = world.honour_years[user.counter % len(world.honour_years)]
        return "GET", f"/vinh-danh/{PROVINCE}/{year}/", None
    if page == "bare":
        return "GET", "/bench/bare/", None
    token = user.session.cookies.get("csrftoken", "")
    if page == "report":
        data = {"csrfmiddlewaretoken": token, "period": world.period}
        for target in world.targets:
            data[f"target_{target.code}"] = (
                rng.choice(["yes", "no"]) if target.yes_no else f"{rng.uniform(80, 100):.1f}"
            )
            data[f"target_{target.code}_note"] = ""
        return "POST", f"/dot/{world.round}/bao-cao-chi-tieu/", data
    if page == "nomination":
        user.saved = (
            f"Đơn vị hoàn thành xuất sắc nhiệm vụ cải cách hành chính (lần lưu {user.counter}, "
            f"{rng.randrange(10**6)})."
        )
        data = {
            "csrfmiddlewaretoken": token,
            "achievements": user.saved,
            "justification": "Đơn vị dẫn đầu khối về tỷ lệ hồ sơ trực tuyến và đúng hạn.",
        }
        return "POST", f"/de-nghi/{user.nomination}/sua/", data
    raise ValueError(page)


def run_user(base: str, user: LoadUser, world: World, pages: list[str], barrier, seed: int) -> None:
    rng = random.Random(seed)
    public = None
    barrier.wait()
    for page in pages:
        user.counter += 1
        method, path, data = request_for(page, user, world, rng)
        if page == "honour":
            # The public page: no session, like a visitor.
            import requests

            public = public or requests.Session()
            client = public
        else:
            client = user.session
        started = time.perf_counter()
        try:
            response = client.request(
                method, base + path, data=data, allow_redirects=False, timeout=120
            )
            response.content  # noqa: B018 - read the whole body inside the timing
            ok = response.status_code == EXPECTED.get(page, 200)
        except Exception:  # any failure of a request is an error of the run
            ok = False
        user.samples.append((page, (time.perf_counter() - started) * 1000, ok))


def run_level(base: str, world: World, users: int, total: int, warm: bool) -> dict:
    """Log `users` users in (not timed), optionally one unrecorded pass of their cycle, then
    `total` requests; the figures of the level."""
    roles = roles_for(users)
    officers, focals = iter(world.officers), iter(world.focals)
    people = []
    for role in roles:
        if role == "office":
            people.append(LoadUser(next(officers), role))
        else:
            username, unit, nomination = next(focals)
            people.append(LoadUser(username, role, unit, nomination))
    threads = [threading.Thread(target=log_in, args=(base, u)) for u in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if any(u.session is None for u in people):
        raise SystemExit("đăng nhập không được")
    if warm:
        _run(base, world, people, [CYCLES[r] for r in roles], seed=0)
    for u in people:
        u.samples.clear()
    started, cpu = time.perf_counter(), time.process_time()
    _run(base, world, people, build_mix(roles, total), seed=users)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    samples = [s for u in people for s in u.samples]
    bad = nominations_not_saved(people)
    for _ in range(bad):
        samples.append(("nomination-db", 0.0, False))
    summary = summarize([s for s in samples if s[0] != "nomination-db"], wall)
    summary["errors"] += bad
    summary["nominations_not_saved"] = bad
    summary["client_cpu_seconds"] = cpu
    summary["load_average"] = os.getloadavg()[0]
    return summary


def _run(base, world, people, mixes, seed):
    barrier = threading.Barrier(len(people))
    threads = [
        threading.Thread(target=run_user, args=(base, u, world, pages, barrier, seed * 1000 + i))
        for i, (u, pages) in enumerate(zip(people, mixes, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def nominations_not_saved(people: list[LoadUser]) -> int:
    """The nomination form always redirects; whether the service saved is read back."""
    from thidua.awards.models import Nomination

    wanted = {u.nomination: u.saved for u in people if u.role == "focal" and u.saved}
    found = dict(Nomination.objects.filter(pk__in=wanted).values_list("pk", "achievements"))
    return sum(1 for pk, text in wanted.items() if found.get(pk) != text)


# --- Query counts (--queries) ---------------------------------------------------------------


def count_queries(world: World) -> list[tuple[str, int, float]]:
    """Each page through Django's test client in this process, without load: its queries, the
    best of five times and the size of the page."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from thidua.accounts.models import User as Account

    office = Client(HTTP_HOST="127.0.0.1")
    office.force_login(Account.objects.get(username=world.officers[0]))
    focal = Client(HTTP_HOST="127.0.0.1")
    username, unit, _nomination = world.focals[0]
    focal.force_login(Account.objects.get(username=username))
    pages = [
        ("dashboard", office, f"/dot/{world.round}/bang-theo-doi/"),
        ("campaign", office, f"/ke-hoach/{world.campaign}/"),
        ("campaign (xã)", focal, f"/ke-hoach/{world.campaign}/"),
        ("unit", office, f"/don-vi/{world.units[0]}/"),
        ("unit (xã)", focal, f"/don-vi/{unit}/"),
        ("council", office, f"/hoi-dong/{world.session}/"),
        (
            "honour",
            Client(HTTP_HOST="127.0.0.1"),
            f"/vinh-danh/{PROVINCE}/{world.honour_years[0]}/",
        ),
    ]
    figures = []
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # bench.load_urls
    with override_settings(ROOT_URLCONF="bench.load_urls"):
        pages.append(("bare", office, "/bench/bare/"))
        for name, client, path in pages:
            client.get(path)  # templates compiled, caches filled
            times = []
            for _ in range(5):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path)
                    times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            figures.append((name, len(queries), min(times), len(response.content)))
    return figures


def flush_cache() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="province")
    parser.add_argument("--users", default="20,50", help="levels of concurrency, e.g. 20,50")
    parser.add_argument("--requests", type=int, default=2000, help="requests per level")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="reuse a complete database")
    parser.add_argument("--queries", action="store_true", help="count each page's queries")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    levels = [int(n) for n in args.users.split(",")]
    scale = SCALES[args.scale]

    var_dir = Path(tempfile.gettempdir()) / "thidua-load"
    for folder in ("media", "static"):
        (var_dir / folder).mkdir(parents=True, exist_ok=True)
    reuse = args.reuse and database_marker() == marker_for(args.scale)
    if not reuse:
        recreate_database()
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ["THIDUA_SIGNING_PASSPHRASE"] = SIGNING_PASSPHRASE
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from dashboard import setup_django

    setup_django(var_dir)
    from django.db import connection
    from django.utils import timezone

    today = timezone.localdate()
    if reuse:
        print(f"Dùng lại cơ sở dữ liệu {DB_NAME} ({marker_for(args.scale)}).")
    else:
        print(f"Tạo dữ liệu ({args.scale}) trong {DB_NAME}:")
        started = time.perf_counter()
        generate(scale, today)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"tạo dữ liệu: {time.perf_counter() - started:.1f} s")
        mark_complete(args.scale)
    world = read_world(today)
    if args.queries:
        print("\nMỗi trang qua test client, trong tiến trình (không tải; tốt nhất của 5 lần):")
        for name, queries, ms, size in count_queries(world):
            print(f"  {name:<16}{queries:>4} truy vấn {ms:>8.1f} ms {size / 1000:>7.1f} kB")
    max_users = max(levels)
    if max_users > len(world.focals) + len(world.officers):
        raise SystemExit("không đủ tài khoản cho số người dùng này")
    connection.close()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    flush_cache()
    server = start_server(port, args.workers, args.threads, var_dir)
    results = {}
    try:
        wait_ready(base, server)
        print(
            f"\ngunicorn thidua.wsgi: {args.workers} worker × {args.threads} luồng, "
            f"{base}; {args.requests} yêu cầu mỗi mức\n"
        )
        for users in levels:
            summary = run_level(base, world, users, args.requests, warm=True)
            results[users] = summary
            print(format_table(users, summary))
            print(
                f"  CPU của máy khách (tiến trình này): {summary['client_cpu_seconds']:.1f} s; "
                f"tải trung bình 1 phút: {summary['load_average']:.1f}"
            )
            if summary["nominations_not_saved"]:
                print(f"  đề nghị không được lưu: {summary['nominations_not_saved']}")
            within = main_pages_within(summary)
            print(f"  p95 các trang chính ≤ 3 × bare: {'có' if within else 'không'}\n")
            connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not (args.keep or args.reuse):
            connection.close()
            drop_database()
    figures = {
        "scale": args.scale,
        "workers": args.workers,
        "threads": args.threads,
        "requests": args.requests,
        "levels": {str(users): summary for users, summary in results.items()},
    }
    text = json.dumps(figures, ensure_ascii=False, indent=1)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    else:
        print(json.dumps(figures, ensure_ascii=False))
    return 1 if any(s["errors"] for s in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())

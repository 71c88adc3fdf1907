"""Load the demo data of `thidua.demo.data` through the registry and account services.

Every step is keyed by a code or a username and skipped when its key is already there (a whole
locality by the code of its top unit, the reform by the code of the merged commune), so that a
second run writes nothing: no row, no history, no audit. The whole load is one transaction.
People are drawn from a random generator seeded with the locality's code, so the same data
comes out on every machine.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import User
from thidua.accounts.services import create_account
from thidua.awards.services.signing import create_demo_identities
from thidua.campaigns import services as campaign_services
from thidua.campaigns.models import Campaign
from thidua.demo import data
from thidua.demo.awards import SEED as CYCLE_SEED
from thidua.demo.awards import load_award_cycle
from thidua.demo.monitoring import load_monitoring
from thidua.demo.reports import load_province_plan
from thidua.organizations import services
from thidua.organizations.enums import Position, UnitKind
from thidua.organizations.models import Person, Unit, UnitEvent

COUNT_KEYS = (
    "campaigns",
    "units",
    "blocks",
    "people",
    "person_ratings",
    "unit_ratings",
    "unit_events",
    "accounts",
)
COMMITTEES = (UnitKind.PROVINCE, UnitKind.CITY, UnitKind.DISTRICT, UnitKind.TOWN)
COMMUNES = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP)
BODIES = (UnitKind.OFFICE, UnitKind.DEPARTMENT, UnitKind.PUBLIC_SERVICE)
LEADERS = (Position.CHAIRMAN, Position.VICE_CHAIRMAN, Position.HEAD, Position.DEPUTY_HEAD)

# A post to fill: (position, job title, (full name, female) or None to draw one, reform work).
Post = tuple[str, str, tuple[str, bool] | None, bool]


def load_demo(stdout: Any = None) -> dict[str, int]:
    """Load what is missing of the demo; return how many rows of each kind were created."""
    counts: Counter[str] = Counter()

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    with transaction.atomic():
        for top in data.LOCALITIES:
            if Unit.objects.filter(code=top["code"]).exists():
                say(f"{top['name']}: đã có, bỏ qua.")
                continue
            before = counts.copy()
            _load_locality(top, counts)
            say(
                f"{top['name']}: {counts['units'] - before['units']} đơn vị, "
                f"{counts['people'] - before['people']} cá nhân."
            )
        say(_load_reform(data.REFORM, counts))
        for message in _load_campaigns(counts):
            say(message)
        # Accounts after the plans: some belong to units a plan's package brings (Châu Thành).
        for username, full_name, unit_code, role in data.ACCOUNTS:
            if User.objects.filter(username=username).exists():
                continue
            create_account(
                actor=None,
                username=username,
                password=data.PASSWORD,
                full_name=full_name,
                unit=Unit.objects.get(code=unit_code) if unit_code else None,
                roles=[role],
            )
            counts["accounts"] += 1
        say(load_monitoring(counts))
        say(load_province_plan())
        say(_load_signing())
        say(load_award_cycle())
    return {key: counts[key] for key in COUNT_KEYS}


def _load_signing() -> str:
    """The demo's certificate authority and an identity for each unit that issues a plan, so
    its decisions can be signed (test certificates, no legal value)."""
    if not settings.THIDUA_SIGNING_PASSPHRASE:
        return "Chứng thư ký số thử nghiệm: bỏ qua (chưa đặt THIDUA_SIGNING_PASSPHRASE)."
    owners = Unit.objects.filter(pk__in=Campaign.objects.values("owner"))
    return f"Chứng thư ký số thử nghiệm: {len(create_demo_identities(owners))} đơn vị."


def _load_campaigns(counts: Counter[str]) -> list[str]:
    """The five seed plans (examples/*.json) as campaigns of the demo localities. A plan whose
    text carries a number and a date is issued and, once its period is over, closed; the
    others stay drafts, as the seeds have them."""
    messages = []
    today = timezone.localdate()
    for path in sorted((settings.PROJECT_DIR / "examples").glob("*.json")):
        package = json.loads(path.read_text(encoding="utf-8"))
        plan = package["campaign"]
        root = next(unit["code"] for unit in package["units"] if unit["parent"] is None)
        if Campaign.objects.filter(owner__code=root, title=plan["title"]).exists():
            messages.append(f"{path.name}: đã có, bỏ qua.")
            continue
        campaign = campaign_services.import_package(actor=None, data=package)
        counts["campaigns"] += 1
        if campaign.number and not campaign.number.startswith("/") and campaign.issued_on:
            campaign_services.issue_campaign(
                actor=None,
                campaign=campaign,
                number=campaign.number,
                issued_on=campaign.issued_on,
            )
            campaign_services.start_campaign(actor=None, campaign=campaign)
            # The plan of the demo's award cycle is closed once its cycle has run.
            if campaign.period_end and campaign.period_end < today and path.name != CYCLE_SEED:
                campaign_services.close_campaign(actor=None, campaign=campaign)
        campaign.refresh_from_db()
        messages.append(f"{path.name}: {campaign} ({campaign.get_state_display()}).")
    return messages


def _load_locality(top: dict, counts: Counter[str]) -> None:
    rng = random.Random(f"thidua-demo/{top['code']}")
    names: set[str] = set()
    created: list[tuple[Unit, dict]] = []
    _create_tree(top, None, created)
    counts["units"] += len(created)
    staffed = []
    ratings = []
    for unit, node in created:
        people = [
            _create_person(unit, number, post, rng, names)
            for number, post in enumerate(_posts(unit, node, rng), start=1)
        ]
        counts["people"] += len(people)
        if people and unit.kind != UnitKind.HAMLET:
            staffed.append(unit)
        ratings += [
            (person, year, _draw(rng, data.PERSON_RATING_WEIGHTS))
            for person in people
            for year in data.YEARS
        ]
    services.set_person_ratings(actor=None, ratings=ratings)
    counts["person_ratings"] += len(ratings)
    unit_ratings = [
        (
            unit,
            year,
            _draw(rng, data.UNIT_RATING_WEIGHTS),
            _draw(rng, data.UNIT_RATING_WEIGHTS),
        )
        for unit in staffed
        for year in data.YEARS
    ]
    services.set_unit_ratings(actor=None, ratings=unit_ratings)
    counts["unit_ratings"] += len(unit_ratings)
    for unit, node in created:
        for code, name, members in node.get("blocks", []):
            children = [child for child, _ in created if child.parent_id == unit.pk]
            if members == "bodies":
                chosen = [child for child in children if child.kind in BODIES]
            else:
                chosen = [child for child in children if child.is_locality]
            services.save_block(actor=None, owner=unit, code=code, name=name, members=chosen)
            counts["blocks"] += 1


def _create_tree(node: dict, parent: Unit | None, created: list[tuple[Unit, dict]]) -> None:
    unit = services.create_unit(
        actor=None,
        code=f"{parent.code}-{node['code']}" if parent else node["code"],
        name=node["name"],
        kind=node["kind"],
        parent=parent,
        valid_from=data.SINCE,
    )
    created.append((unit, node))
    for child in node.get("children", []):
        _create_tree(child, unit, created)


def _lowered(name: str) -> str:
    """'Tỉnh Đắk Nông' -> 'tỉnh Đắk Nông', to follow a title: 'Chủ tịch UBND tỉnh Đắk Nông'."""
    return f"{name[0].lower()}{name[1:]}"


def _committee(name: str) -> str:
    return name if name.startswith("UBND ") else f"UBND {_lowered(name)}"


def _posts(unit: Unit, node: dict, rng: random.Random) -> list[Post]:
    if "people" in node:
        return node["people"]
    if unit.kind == UnitKind.HAMLET:
        return [(Position.NON_PROFESSIONAL, f"Trưởng {_lowered(unit.name)}", None, False)]
    if unit.kind in COMMITTEES and not node.get("staff", True):
        return []
    posts: list[Post]
    if unit.kind in COMMITTEES or unit.kind in COMMUNES:
        committee = _committee(unit.name)
        posts = [(Position.CHAIRMAN, f"Chủ tịch {committee}", None, False)]
        posts += [(Position.VICE_CHAIRMAN, f"Phó Chủ tịch {committee}", None, False)] * (
            2 if rng.random() < 0.3 else 1
        )
        if unit.kind in COMMUNES:
            posts.append((Position.CIVIL_SERVANT, "Công chức Văn phòng - Thống kê", None, True))
            if rng.random() < 0.25:
                title = rng.choice(data.COMMUNE_SPECIALISTS)
                posts.append((Position.CIVIL_SERVANT, title, None, "Hộ tịch" in title))
            if rng.random() < 0.5:
                title = rng.choice(data.NON_PROFESSIONAL_TITLES)
                posts.append((Position.NON_PROFESSIONAL, title, None, False))
            if rng.random() < 0.25:
                title = rng.choice(data.WORKER_TITLES)
                posts.append((Position.WORKER, title, None, "Một cửa" in title))
    else:
        posts = _body_posts(unit, rng)
    named = dict(node.get("named", {}))
    return [
        (position, title, named.pop(position, None) or person, reform)
        for position, title, person, reform in posts
    ]


def _body_posts(unit: Unit, rng: random.Random) -> list[Post]:
    name = unit.name
    reform = name.startswith(data.REFORM_BODIES)
    head, deputy = next(
        (head, deputy) for prefix, head, deputy in data.BODY_TITLES if name.startswith(prefix)
    )
    rest = name.split(" ", 1)[1]
    posts: list[Post] = [
        (Position.HEAD, head.format(name=name, rest=rest), None, reform),
        (Position.DEPUTY_HEAD, deputy.format(name=name, rest=rest), None, reform),
    ]
    if unit.kind == UnitKind.PUBLIC_SERVICE:
        staff = (Position.PUBLIC_EMPLOYEE, f"Viên chức {name}")
    elif unit.kind == UnitKind.MASS_ORG:
        staff = (Position.CIVIL_SERVANT, f"Cán bộ {name}")
    else:
        staff = (Position.CIVIL_SERVANT, f"Chuyên viên {name}")
    for number in range(rng.randint(2, 4)):
        if number == 0 and name.startswith("Văn phòng"):
            posts.append((Position.CIVIL_SERVANT, f"Công chức Bộ phận Một cửa, {name}", None, True))
        else:
            posts.append((*staff, None, reform))
    return posts


def _create_person(
    unit: Unit, number: int, post: Post, rng: random.Random, names: set[str]
) -> Person:
    position, title, person, reform = post
    leader = position in LEADERS
    if person is None:
        female = rng.random() < (0.35 if leader else 0.6)
        full_name = _draw_name(rng, female, names)
    else:
        full_name, female = person
    birth_year = rng.randint(1966, 1985) if leader else rng.randint(1972, 1998)
    return services.create_person(
        actor=None,
        code=f"{unit.code}-{number:02d}",
        full_name=full_name,
        unit=unit,
        position=position,
        job_title=title,
        female=female,
        direct_reform_work=reform,
        birth_date=dt.date(birth_year, rng.randint(1, 12), rng.randint(1, 28)),
    )


def _draw_name(rng: random.Random, female: bool, taken: set[str]) -> str:
    families = [family for family, _ in data.FAMILY_NAMES]
    weights = [weight for _, weight in data.FAMILY_NAMES]
    while True:
        family = rng.choices(families, weights)[0]
        name = (
            f"{family} {rng.choice(data.MIDDLE_NAMES[female])} "
            f"{rng.choice(data.GIVEN_NAMES[female])}"
        )
        if name not in taken:
            taken.add(name)
            return name


def _draw(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _load_reform(reform: dict, counts: Counter[str]) -> str:
    """Merge two communes into a new one under the province, end the district's offices, then
    the district itself, its remaining communes passing to the province."""
    merged = reform["merged"]
    if Unit.objects.filter(code=merged["code"]).exists():
        return f"Sắp xếp đơn vị hành chính 2025 ({merged['name']}): đã có, bỏ qua."
    on = reform["on"]
    province = Unit.objects.get(code=reform["province"])
    district = Unit.objects.get(code=reform["district"])
    events = UnitEvent.objects.count()
    services.merge_units(
        actor=None,
        units=list(Unit.objects.filter(code__in=reform["merge"]).order_by("code")),
        code=merged["code"],
        name=merged["name"],
        kind=merged["kind"],
        parent=province,
        on=on,
        basis=reform["merge_basis"],
    )
    offices = list(
        Unit.objects.filter(parent=district).valid_on(on).exclude(kind__in=UnitKind.LOCALITIES)
    )
    # The district's offices end with it and their staff leave; every record stays.
    services.dissolve_unit(
        actor=None, unit=district, on=on, children_to=province, basis=reform["dissolve_basis"]
    )
    counts["units"] += 1
    counts["unit_events"] += UnitEvent.objects.count() - events
    return (
        f"Sắp xếp đơn vị hành chính 2025: {merged['name']} từ {on:%d/%m/%Y}; "
        f"{district.name} và {len(offices)} phòng, ban kết thúc hoạt động."
    )

"""The demo data: the structure of each seed locality, one account per role, the 2025 reform on
Long Điền, and a second run that changes nothing."""

import datetime as dt
import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests.helpers_auth import login_request
from thidua.accounts.models import User
from thidua.core.models import AuditEvent
from thidua.demo import data
from thidua.demo.loader import COUNT_KEYS, load_demo
from thidua.demo.monitoring import plan_title
from thidua.organizations import selectors
from thidua.organizations.enums import UnitEventKind, UnitKind
from thidua.organizations.models import Block, Person, PersonRating, Unit, UnitEvent

BEFORE_REFORM = dt.date(2024, 12, 31)
REFORM_DAY = dt.date(2025, 7, 1)
LAST_OLD_DAY = dt.date(2025, 6, 30)
LONG_DIEN_COMMUNES_LEFT = [
    "BRVT-LD-ANG",
    "BRVT-LD-ANH",
    "BRVT-LD-LDI",
    "BRVT-LD-LH",
    "BRVT-LD-PHU",
    "BRVT-LD-PTI",
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the module inside a transaction rolled back at the end: each
    test runs in a savepoint within it, and the other modules find the database untouched."""
    with django_db_blocker.unblock(), transaction.atomic():
        counts = load_demo()
        yield counts
        transaction.set_rollback(True)


@pytest.fixture
def admin(demo, db):
    return User.objects.get(username="admin")


def children(code: str, *kinds: str) -> list[str]:
    return sorted(
        Unit.objects.filter(parent__code=code, kind__in=kinds).values_list("code", flat=True)
    )


def block_members(owner: str, code: str) -> int:
    return Block.objects.get(owner__code=owner, code=code).members.count()


def test_first_load_creates_every_part_of_the_demo(demo, db):
    assert demo == {
        "units": 157,
        "blocks": 8,
        "people": 666,
        "person_ratings": 1998,
        "unit_ratings": 438,
        "unit_events": 21,
        "accounts": 13,
        "campaigns": 6,
    }
    assert Person.objects.count() == 666
    assert Person.objects.filter(female=True).count() == 326
    assert Person.objects.filter(direct_reform_work=True).count() == 136


def test_thang_binh_has_its_offices_and_22_communes(demo, db):
    assert Unit.objects.get(code="QNM-TB").parent.code == "QNM"
    assert len(children("QNM-TB", UnitKind.OFFICE)) == 11
    assert children("QNM-TB", UnitKind.PUBLIC_SERVICE, UnitKind.MASS_ORG) == [
        "QNM-TB-MTTQ",
        "QNM-TB-TTVH",
    ]
    assert children("QNM-TB", UnitKind.TOWNSHIP) == ["QNM-TB-HL"]
    assert len(children("QNM-TB", UnitKind.COMMUNE)) == 21
    assert block_members("QNM-TB", "PB") == 12
    assert block_members("QNM-TB", "XP") == 22


def test_thai_nguyen_city_has_exactly_32_communes_and_wards(demo, db):
    city = Unit.objects.get(code="TNN-TP")
    assert (city.kind, city.parent.code) == (UnitKind.CITY, "TNN")
    assert len(children("TNN-TP", UnitKind.WARD)) == 21
    assert len(children("TNN-TP", UnitKind.COMMUNE)) == 11
    assert len(children("TNN-TP", UnitKind.OFFICE, UnitKind.PUBLIC_SERVICE)) == 13
    assert block_members("TNN-TP", "XP") == 32
    assert block_members("TNN-TP", "PB") == 13


def test_dak_nong_has_its_departments_and_8_districts(demo, db):
    assert len(children("DNO", UnitKind.DEPARTMENT)) == 18
    assert children("DNO", UnitKind.CITY) == ["DNO-GN"]
    assert len(children("DNO", UnitKind.DISTRICT)) == 7
    assert Unit.objects.filter(code__startswith="DNO-", level="commune").count() == 4
    assert block_members("DNO", "SBN") == 18
    assert block_members("DNO", "HTP") == 8


def test_chau_thanh_has_its_offices_communes_and_chairman(demo, db):
    assert len(children("TGG-CT", UnitKind.OFFICE)) == 8
    assert len(children("TGG-CT", UnitKind.COMMUNE, UnitKind.TOWNSHIP)) == 10
    chairman = Person.objects.get(unit__code="TGG-CT", position="chairman")
    assert (chairman.full_name, chairman.job_title) == (
        "Phạm Tấn Xiếu",
        "Chủ tịch UBND huyện Châu Thành",
    )


def test_tam_phuoc_had_its_specialists_and_six_hamlets(demo, admin):
    tam_phuoc = Unit.objects.get(code="BRVT-LD-TP")
    before = selectors.tree_as_of(admin, on=BEFORE_REFORM, parent_id=tam_phuoc.pk)
    assert [unit.kind for unit in before].count(UnitKind.HAMLET) == 6
    assert [unit.name for unit in before if unit.kind != UnitKind.HAMLET] == [
        "Trung tâm Văn hóa - HTCD xã Tam Phước"
    ]
    own = Person.objects.filter(code__regex=r"^BRVT-LD-TP-[0-9]+$").order_by("code")
    assert [person.job_title for person in own][1:8] == [
        "Phó Chủ tịch UBND xã Tam Phước",
        "Công chức Văn phòng - Thống kê",
        "Công chức Tư pháp - Hộ tịch",
        "Công chức Địa chính - Xây dựng",
        "Công chức Tài chính - Kế toán",
        "Công chức Văn hóa - Xã hội",
        "Chỉ huy trưởng Ban Chỉ huy Quân sự xã",
    ]
    assert own[1].full_name == "Bùi Ngọc Nhân"


def test_merged_communes_end_the_day_before_and_keep_their_ratings(demo, db):
    for code in ["BRVT-LD-TA", "BRVT-LD-TP"]:
        old = Unit.objects.get(code=code)
        assert (old.valid_to, old.parent.code) == (LAST_OLD_DAY, "BRVT-LD")
        assert sorted(old.ratings.values_list("year", flat=True)) == [2022, 2023, 2024]
        event = UnitEvent.objects.get(unit=old, kind=UnitEventKind.MERGED)
        assert (event.on, event.successor.code) == (REFORM_DAY, "BRVT-XLD")


def test_merged_commune_is_under_the_province_with_the_people(demo, db):
    merged = Unit.objects.get(code="BRVT-XLD")
    assert (merged.name, merged.kind, merged.parent.code) == (
        "UBND xã Long Điền",
        UnitKind.COMMUNE,
        "BRVT",
    )
    assert (merged.valid_from, merged.valid_to) == (REFORM_DAY, None)
    assert merged.people.count() == 14
    assert merged.people.filter(code__startswith="BRVT-LD-TA-").count() == 3
    assert merged.people.get(full_name="Bùi Ngọc Nhân").code == "BRVT-LD-TP-02"
    assert children("BRVT-XLD", UnitKind.HAMLET) == [f"BRVT-LD-TP-A{n}" for n in range(1, 7)]
    assert merged.ratings.count() == 0
    assert PersonRating.objects.filter(person__unit=merged).count() == 14 * 3


def test_district_is_dissolved_and_its_communes_are_under_the_province(demo, db):
    district = Unit.objects.get(code="BRVT-LD")
    assert district.valid_to == LAST_OLD_DAY
    assert sorted(district.ratings.values_list("year", flat=True)) == [2022, 2023, 2024]
    offices = Unit.objects.filter(parent=district, kind=UnitKind.OFFICE)
    assert [office.valid_to for office in offices] == [LAST_OLD_DAY] * 4
    assert children("BRVT", *UnitKind.LOCALITIES) == [
        "BRVT-LD",
        *LONG_DIEN_COMMUNES_LEFT,
        "BRVT-XLD",
    ]
    live = Unit.objects.filter(parent__code="BRVT").valid_on(dt.date.today())
    assert sorted(live.values_list("code", flat=True)) == [*LONG_DIEN_COMMUNES_LEFT, "BRVT-XLD"]
    assert Person.objects.filter(unit__in=[district, *offices], active=True).count() == 0


def test_tree_before_the_reform_shows_the_district_with_its_communes(demo, admin):
    province = Unit.objects.get(code="BRVT")
    district = Unit.objects.get(code="BRVT-LD")
    top = selectors.tree_as_of(admin, on=BEFORE_REFORM, parent_id=province.pk)
    assert [(unit.code, unit.child_count) for unit in top] == [("BRVT-LD", 12)]
    below = selectors.tree_as_of(admin, on=BEFORE_REFORM, parent_id=district.pk)
    assert sorted(unit.code for unit in below if unit.kind != UnitKind.OFFICE) == sorted(
        [*LONG_DIEN_COMMUNES_LEFT, "BRVT-LD-TA", "BRVT-LD-TP"]
    )


def test_every_role_has_an_account_that_can_log_in(demo, db):
    expected = {
        "admin": ({"system_admin"}, None),
        "noivu.thangbinh": ({"standing_officer"}, "QNM-TB"),
        "hoidong.thangbinh": ({"council_member"}, "QNM-TB"),
        "lanhdao.thangbinh": ({"leader"}, "QNM-TB"),
        "daumoi.binhan": ({"focal_officer"}, "QNM-TB-BA"),
        "daumoi.binhchanh": ({"focal_officer"}, "QNM-TB-BC"),
        "noivu.daknong": ({"standing_officer"}, "DNO"),
        "daumoi.longdien": ({"focal_officer"}, "BRVT-XLD"),
        "noivu.chauthanh": ({"standing_officer"}, "TGG-CT"),
        "lanhdao.chauthanh": ({"leader"}, "TGG-CT"),
        "hoidong.chauthanh": ({"council_member"}, "TGG-CT"),
        "hoidong2.chauthanh": ({"council_member"}, "TGG-CT"),
        "hoidong3.chauthanh": ({"council_member"}, "TGG-CT"),
    }
    users = User.objects.select_related("unit")
    assert {
        user.username: (set(user.role_codes), user.unit.code if user.unit else None)
        for user in users
    } == expected
    for username in expected:
        assert (
            Client().login(request=login_request(), username=username, password="thidua@2025")
            is True
        )


def test_second_run_changes_nothing(demo, db):
    models = apps.get_models()
    assert AuditEvent in models
    assert {"HistoricalUnit", "HistoricalPerson", "HistoricalPersonRating"} <= {
        model.__name__ for model in models
    }
    before = {model._meta.label: model.objects.count() for model in models}

    again = load_demo()

    assert again == dict.fromkeys(COUNT_KEYS, 0)
    assert {model._meta.label: model.objects.count() for model in models} == before


def test_command_prints_the_logins_table(demo, db):
    out = io.StringIO()

    call_command("seed_demo", "--force", stdout=out)

    rows = [re.split(r"\s{2,}", line) for line in out.getvalue().split("\n\n")[1].splitlines()]
    assert rows == [
        ["Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị"],
        ["admin", "thidua@2025", "Quản trị hệ thống", "—"],
        ["noivu.thangbinh", "thidua@2025", "Cán bộ thường trực (Nội vụ)", "UBND huyện Thăng Bình"],
        ["hoidong.thangbinh", "thidua@2025", "Thành viên Hội đồng TĐ-KT", "UBND huyện Thăng Bình"],
        ["lanhdao.thangbinh", "thidua@2025", "Lãnh đạo", "UBND huyện Thăng Bình"],
        ["daumoi.binhan", "thidua@2025", "Cán bộ đầu mối đơn vị", "UBND xã Bình An"],
        ["daumoi.binhchanh", "thidua@2025", "Cán bộ đầu mối đơn vị", "UBND xã Bình Chánh"],
        ["noivu.daknong", "thidua@2025", "Cán bộ thường trực (Nội vụ)", "Tỉnh Đắk Nông"],
        ["daumoi.longdien", "thidua@2025", "Cán bộ đầu mối đơn vị", "UBND xã Long Điền"],
        ["noivu.chauthanh", "thidua@2025", "Cán bộ thường trực (Nội vụ)", "UBND huyện Châu Thành"],
        ["lanhdao.chauthanh", "thidua@2025", "Lãnh đạo", "UBND huyện Châu Thành"],
        ["hoidong.chauthanh", "thidua@2025", "Thành viên Hội đồng TĐ-KT", "UBND huyện Châu Thành"],
        ["hoidong2.chauthanh", "thidua@2025", "Thành viên Hội đồng TĐ-KT", "UBND huyện Châu Thành"],
        ["hoidong3.chauthanh", "thidua@2025", "Thành viên Hội đồng TĐ-KT", "UBND huyện Châu Thành"],
    ]
    assert [username for username, *_ in data.ACCOUNTS] == [row[0] for row in rows[1:]]


def test_command_refuses_outside_debug_without_force(demo, db):
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())


def test_the_five_seed_plans_are_demo_campaigns_in_the_state_their_text_gives(demo, db):
    from thidua.campaigns.models import Campaign

    seeds = Campaign.objects.exclude(title=plan_title(timezone.localdate().year))
    assert sorted(seeds.values_list("owner__code", "number", "state"), key=str) == sorted(
        [
            ("QNM-TB", None, "draft"),
            ("TGG-CT", "138/KH-UBND", "closed"),
            ("TNN-TP", "31/KH-UBND", "closed"),
            ("DNO", "584/KH-UBND", "closed"),
            ("BRVT-LD-TP", "/KH-UBND", "draft"),
            # The province plan the demo puts above seed 001, for the cascade's roll-up.
            ("TGG", "35/KH-UBND", "closed"),
        ],
        key=str,
    )


def test_the_plan_of_this_year_is_followed_on_every_monitoring_screen(demo, db):
    from thidua.campaigns.models import Campaign, UnitResult
    from thidua.monitoring.enums import ParState, ReportState
    from thidua.monitoring.models import Initiative, ParAssessment, TargetReport, Violation

    year = timezone.localdate().year
    campaign = Campaign.objects.get(title=plan_title(year))
    round_ = campaign.rounds.get()
    assert (campaign.owner.code, campaign.number, campaign.state) == (
        "QNM-TB",
        "15/KH-UBND",
        "in_progress",
    )
    assert round_.registration_deadline == dt.date(year, 3, 10)
    assert campaign.targets.count() == 4
    assert round_.registrations.count() >= 15
    states = set(TargetReport.objects.filter(round=round_).values_list("state", flat=True))
    assert ReportState.ACCEPTED in states
    assessments = ParAssessment.objects.filter(framework__year=year)
    assert assessments.get(unit__code="QNM-TB-BA").state == ParState.DRAFT
    assert assessments.get(unit__code="QNM-TB-BC").state == ParState.SUBMITTED
    appraised = assessments.filter(state=ParState.APPRAISED)
    assert appraised.count() >= 15
    assert all(a.rating and a.appraised_total is not None for a in appraised)
    assert Violation.objects.count() == 2
    assert Initiative.objects.count() == 3
    result = UnitResult.objects.get(round=round_, unit=appraised.first().unit)
    assert result.metrics["score"] == float(appraised.first().appraised_total)
    assert result.metrics["par_rating"] == appraised.first().rating


def test_seed_001_implements_the_demo_province_plan(demo, db):
    from thidua.campaigns.models import Campaign

    district = Campaign.objects.get(owner__code="TGG-CT", number="138/KH-UBND")
    assert (district.implements.owner.code, district.implements.number) == ("TGG", "35/KH-UBND")


def test_seed_001_has_a_whole_award_cycle_ending_in_a_signed_decision(demo, db):
    from thidua.awards.enums import NominationState, ObjectionState, ReviewOutcome, SessionState
    from thidua.awards.models import Certificate, Decision, Nomination
    from thidua.documents.signing import verify_pdf

    decision = Decision.objects.get(round__campaign__number="138/KH-UBND")
    assert (decision.number, decision.signed_on, decision.state) == (
        "12/QĐ-UBND",
        dt.date(2022, 1, 20),
        "issued",
    )
    # The signed PDF is genuine for the demo's trust anchor.
    from thidua.awards.services.signing import trusted_root_pems

    decision.pdf.open("rb")
    check = verify_pdf(decision.pdf.read(), trusted_root_pems())
    assert check.signed and check.intact and check.trusted, check
    nominations = Nomination.objects.filter(round=decision.round)
    assert set(nominations.values_list("state", flat=True)) == {NominationState.AWARDED}
    # Every seat of the plan's lines is given: 4 + 4 prizes, 8 Giấy khen to people.
    assert decision.awards.count() == Certificate.objects.filter(award__decision=decision).count()
    assert decision.awards.count() == 16
    # The tie of Bình Đức and Vĩnh Kim resolved by the council, with its reason.
    tied = dict(
        decision.awards.filter(tie_note__gt="").values_list("nomination__unit__code", "tier")
    )
    assert tied == {"TGG-CT-BD": "Giải Nhì", "TGG-CT-VK": "Giải Ba"}
    # The dossier returned once, the objection dismissed, the session closed on 17/01/2022.
    returned = nominations.get(unit__code="TGG-CT-VK", person=None)
    assert list(returned.reviews.values_list("outcome", flat=True)) == [
        ReviewOutcome.RECEIVED,
        ReviewOutcome.RETURNED,
        ReviewOutcome.RECEIVED,
        ReviewOutcome.ELIGIBLE,
    ]
    objection = decision.round.objections.get()
    assert (objection.state, objection.received_on) == (
        ObjectionState.DISMISSED,
        dt.date(2022, 1, 10),
    )
    session = decision.round.council_sessions.get()
    assert (session.held_on, session.state) == (dt.date(2022, 1, 17), SessionState.CLOSED)
    # The head of the Phòng Nội vụ sat for her office and cast no vote on her own candidacy.
    nga = session.members.get(user__username="hoidong2.chauthanh")
    assert nga.unit.code == "TGG-CT-NV"
    assert not nga.votes.filter(nomination__person__full_name="Hoàng Ngọc Nga").exists()

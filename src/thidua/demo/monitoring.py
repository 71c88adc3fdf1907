"""A plan of the current year followed through the year, so that every monitoring screen of
the demo has something to show: Thăng Bình's plan (seed 000, moved to this year, with four
measurable targets) in progress, its units registered, quarterly reports sent and
accepted (some late, one still a draft), the PAR Index self-assessed and mostly appraised,
a few violations, complaints and initiatives, and the round's results fed from all of it.

Everything goes through the services, as the system itself (`actor=None`). Values are drawn
from a generator seeded with the year, so the same data comes out on every machine. The
demo replays a year in one go: the registrations are made while the plan has no registration
deadline yet, and the deadline of 10 March is written afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from thidua.campaigns import services as campaign_services
from thidua.campaigns.models import Campaign, Round
from thidua.monitoring.enums import ConductKind, InitiativeLevel
from thidua.monitoring.models import ParCriterion
from thidua.monitoring.selectors import registration_status
from thidua.monitoring.services import conduct, par, periods, reports
from thidua.monitoring.services.registration import register_unit
from thidua.monitoring.services.results import refresh_round_results
from thidua.organizations import services
from thidua.organizations.enums import Level
from thidua.organizations.models import Person, Unit

OWNER = "QNM-TB"
FOCAL_UNIT = "QNM-TB-BA"  # daumoi.binhan: her commune is left mid-way, for her to carry on
WAITING_UNIT = "QNM-TB-BC"  # daumoi.binhchanh: self-assessment sent, waiting for appraisal
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

TARGETS = [
    {
        "code": "T1",
        "area": "tthc",
        "text": "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt từ 99% trở lên.",
        "metric": "tthc_on_time_pct",
        "op": ">=",
        "value": 99,
        "unit": "%",
        "if_applicable": False,
    },
    {
        "code": "T2",
        "area": "digital_government",
        "text": "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến đạt từ 50% trở lên.",
        "metric": "online_records_pct",
        "op": ">=",
        "value": 50,
        "unit": "%",
        "if_applicable": False,
    },
    {
        "code": "T3",
        "area": "tthc",
        "text": "Mức độ hài lòng của người dân, tổ chức đạt từ 90% trở lên.",
        "metric": "satisfaction_pct",
        "op": ">=",
        "value": 90,
        "unit": "%",
        "if_applicable": False,
    },
    {
        "code": "T4",
        "area": "civil_service",
        "text": "Không có cán bộ, công chức vi phạm kỷ luật, kỷ cương hành chính.",
        "metric": "no_discipline",
        "op": "==",
        "value": True,
        "unit": None,
        "if_applicable": False,
    },
]


def plan_title(year: int) -> str:
    return (
        "Kế hoạch phát động phong trào thi đua đẩy mạnh cải cách hành chính, nâng cao kỷ "
        f"luật, kỷ cương hành chính năm {year}"
    )


def load_monitoring(counts) -> str:
    """The followed plan of this year, unless it is there already."""
    today = timezone.localdate()
    year = today.year
    if Campaign.objects.filter(owner__code=OWNER, title=plan_title(year)).exists():
        return f"Kế hoạch theo dõi năm {year}: đã có, bỏ qua."
    rng = random.Random(f"thidua-demo/monitoring/{year}")
    round = _plan(year)
    counts["campaigns"] += 1
    communes = list(
        Unit.objects.filter(participations__campaign=round.campaign_id, level=Level.COMMUNE)
        .exclude(pk=round.campaign.owner_id)
        .order_by("sort_key")
    )
    listed = [row.unit for row in registration_status(round).rows]
    _register(round, listed, rng)
    reported = _report(round, listed, today, rng)
    assessed = _assess(communes, year, rng)
    _conduct(communes, today, rng)
    _rate(round, year, rng)
    refresh_round_results(round=round)
    return (
        f"Kế hoạch theo dõi năm {year}: {round.registrations.count()} đơn vị đăng ký, "
        f"{reported} báo cáo chỉ tiêu, {assessed} kết quả chỉ số CCHC."
    )


def _plan(year: int) -> Round:
    path = settings.PROJECT_DIR / "examples" / "000-thang-binh-2022.json"
    package = json.loads(path.read_text(encoding="utf-8").replace("năm 2022", f"năm {year}"))
    package["results"] = {}
    plan = package["campaign"]
    plan.update(
        title=plan_title(year),
        number="15/KH-UBND",
        issued_on=f"{year}-01-20",
        place="Thăng Bình",
        implements=f"Kế hoạch cải cách hành chính năm {year} của UBND huyện Thăng Bình",
        period={"start": f"{year}-01-20", "end": f"{year}-12-31"},
        targets=TARGETS,
        rounds=[
            {
                "code": str(year),
                "kind": "final",
                "start": f"{year}-01-01",
                "end": f"{year}-12-31",
                "review": f"Quý I/{year + 1}",
                "registration_deadline": None,
                "nomination_deadline": f"{year + 1}-01-15",
            }
        ],
    )
    campaign = campaign_services.import_package(actor=None, data=package)
    campaign_services.issue_campaign(
        actor=None, campaign=campaign, number="15/KH-UBND", issued_on=dt.date(year, 1, 20)
    )
    campaign_services.start_campaign(actor=None, campaign=campaign)
    return campaign.rounds.get()


def _register(round: Round, units: list[Unit], rng: random.Random) -> None:
    for unit in units:
        if rng.random() < 0.1:
            continue  # a few never register: the dashboard lists them as lagging
        people = list(Person.objects.filter(unit=unit, active=True).order_by("pk")[:2])
        register_unit(
            actor=None,
            round=round,
            unit=unit,
            commitments={"T1": 99, "T2": rng.choice([50, 55, 60]), "T3": 90, "T4": True},
            people=people,
        )
    Round.objects.filter(pk=round.pk).update(registration_deadline=dt.date(round.start.year, 3, 10))


def _values(rng: random.Random) -> dict:
    return {
        "T1": round(rng.uniform(96.5, 100), 1),
        "T2": round(rng.uniform(35, 85), 1),
        "T3": round(rng.uniform(86, 99), 1),
        "T4": rng.random() > 0.1,
    }


def _report(round: Round, units: list[Unit], today: dt.date, rng: random.Random) -> int:
    """Reports of the quarters already due: most accepted, a few late (none sent), the focal
    commune's last one still a draft."""
    due = [p for p in periods.propose_quarters(actor=None, round=round) if p.due <= today]
    registered = set(round.registrations.values_list("unit_id", flat=True))
    made = 0
    for unit in units:
        if unit.pk not in registered:
            continue
        for index, period in enumerate(due):
            last = index == len(due) - 1
            if last and rng.random() < 0.15:
                continue  # overdue
            report = reports.save_target_report(
                actor=None, round=round, unit=unit, period=period.name, values=_values(rng)
            )
            made += 1
            if unit.code == FOCAL_UNIT and last:
                continue
            reports.add_evidence(
                actor=None,
                report=report,
                target=None,
                files=[ContentFile(PDF, name=f"bao-cao-{unit.code.lower()}-{index + 1}.pdf")],
            )
            reports.submit_report(actor=None, report=report)
            if not (last and rng.random() < 0.2):
                reports.accept_report(actor=None, report=report)
    return made


def _assess(communes: list[Unit], year: int, rng: random.Random) -> int:
    """Self-assessments of the year's PAR Index; the office has appraised most of them."""
    made = 0
    for unit in communes:
        framework = par.framework_for(unit, year)
        leaves = list(
            ParCriterion.objects.filter(framework=framework, children__isnull=True).order_by(
                "position", "pk"
            )
        )
        level = rng.uniform(0.55, 0.97)

        def drawn(maximum: Decimal, spread: float, level: float = level) -> Decimal:
            share = min(1.0, max(0.0, rng.gauss(level, spread)))
            return (maximum * Decimal(str(share))).quantize(Decimal("0.25"))

        scores = {leaf.code: drawn(leaf.max_points, 0.12) for leaf in leaves}
        if unit.code == FOCAL_UNIT:
            scores = {code: score for code, score in list(scores.items())[: len(scores) // 2]}
        par.save_self_assessment(actor=None, unit=unit, framework=framework, scores=scores)
        made += 1
        if unit.code == FOCAL_UNIT:
            continue
        for leaf in leaves:
            if leaf.evidence_required:
                par.add_par_evidence(
                    actor=None,
                    unit=unit,
                    framework=framework,
                    criterion=leaf,
                    files=[ContentFile(PDF, name=f"kiem-chung-{leaf.code}.pdf")],
                )
        assessment = unit.par_assessments.get(framework=framework)
        par.submit_assessment(actor=None, assessment=assessment)
        if unit.code == WAITING_UNIT:
            continue
        appraised = {
            code: max(Decimal(0), score - Decimal(rng.choice(["0", "0", "0.25", "0.5"])))
            for code, score in scores.items()
        }
        par.save_appraisal(actor=None, assessment=assessment, scores=appraised)
        par.finish_appraisal(actor=None, assessment=assessment)
    return made


def _rate(round: Round, year: int, rng: random.Random) -> None:
    """This year's task ratings of the plan's units and competitors, as the year-end review
    gives them (the demo runs ahead of the calendar so that the proposal has candidates)."""
    units = Unit.objects.filter(participations__campaign=round.campaign_id).exclude(
        pk=round.campaign.owner_id
    )
    weights = {"HTNV": 1, "HTTNV": 5, "HTXSNV": 4}
    levels = list(weights)

    def draw() -> str:
        return rng.choices(levels, weights=list(weights.values()))[0]

    services.set_unit_ratings(
        actor=None, ratings=[(unit, year, draw(), "") for unit in units.order_by("pk")]
    )
    people = Person.objects.filter(competitions__campaign=round.campaign_id).order_by("pk")
    services.set_person_ratings(actor=None, ratings=[(person, year, draw()) for person in people])


def _conduct(communes: list[Unit], today: dt.date, rng: random.Random) -> None:
    def past(month: int, day: int) -> dt.date:
        """That day of this year, or yesterday early in the year (nothing in the future)."""
        return min(dt.date(today.year, month, day), today - dt.timedelta(days=1))

    picked = rng.sample(communes, 4)
    person = Person.objects.filter(unit=picked[0], active=True).order_by("pk").first()
    conduct.record_violation(
        actor=None,
        unit=picked[0],
        person=person,
        kind=ConductKind.DISCIPLINE,
        occurred_on=past(3, 14),
        description="Chậm trả kết quả hồ sơ đăng ký đất đai quá hạn không có văn bản xin lỗi.",
        decision_ref="45/QĐ-UBND",
        decision_date=past(4, 2),
    )
    complaint = conduct.record_violation(
        actor=None,
        unit=picked[1],
        kind=ConductKind.COMPLAINT,
        occurred_on=past(5, 20),
        description="Người dân phản ánh thái độ tiếp dân tại Bộ phận Một cửa.",
    )
    conduct.mark_complaint_unfounded(
        actor=None,
        violation=complaint,
        reason="Qua xác minh, phản ánh không có cơ sở; đã trả lời công dân.",
    )
    for unit, title, level in (
        (picked[2], "Mô hình “Cà phê số” hỗ trợ người dân nộp hồ sơ trực tuyến", "district"),
        (picked[3], "Số hóa hồ sơ hộ tịch từ năm 1976 đến nay", "unit"),
        (picked[2], "Zalo OA tra cứu tiến độ hồ sơ thủ tục hành chính", "unit"),
    ):
        authors = list(Person.objects.filter(unit=unit, active=True).order_by("pk")[:1])
        conduct.record_initiative(
            actor=None,
            unit=unit,
            title=title,
            authors=authors,
            level=InitiativeLevel(level),
            recognized_on=past(6, 30),
            decision_ref="112/QĐ-UBND",
        )

"""A small PAR framework for the tests: two areas, one with two criteria, 100 points."""

from decimal import Decimal

from django.utils import timezone

from thidua.monitoring.models import ParCriterion, ParFramework

YEAR = 2025


def small_framework(owner, *, year: int = YEAR, level: str = "commune") -> ParFramework:
    """A (60) = A.1 (40, evidence required) + A.2 (20); B (40) scored as a whole."""
    framework = ParFramework.objects.create(
        year=year, level=level, owner=owner, name="Bộ tiêu chí thử", created_at=timezone.now()
    )
    area_a = ParCriterion.objects.create(
        framework=framework, code="A", title="Lĩnh vực A", max_points=60, position=0
    )
    ParCriterion.objects.create(
        framework=framework,
        parent=area_a,
        code="A.1",
        title="Tiêu chí A.1",
        max_points=40,
        position=0,
        evidence_required=True,
    )
    ParCriterion.objects.create(
        framework=framework,
        parent=area_a,
        code="A.2",
        title="Tiêu chí A.2",
        max_points=20,
        position=1,
    )
    ParCriterion.objects.create(
        framework=framework, code="B", title="Lĩnh vực B", max_points=40, position=1
    )
    return framework


def criterion(framework, code) -> ParCriterion:
    return ParCriterion.objects.get(framework=framework, code=code)


def D(value) -> Decimal:
    return Decimal(str(value))

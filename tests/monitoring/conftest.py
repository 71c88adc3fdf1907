import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.campaigns.factories import make_campaign
from thidua.campaigns.models import Participant, Target


@pytest.fixture
def round_(trio):
    """The district's plan in progress, commune A listed, commune B not; the registration
    deadline is today (still in time)."""
    campaign = make_campaign(
        owner=trio["district"],
        state="in_progress",
        number="31/KH-UBND",
        issued_on=dt.date(2025, 1, 2),
    )
    Target.objects.create(
        campaign=campaign,
        code="T2",
        area="civil_service",
        text="Không có cán bộ bị kỷ luật",
        metric="no_discipline",
        op="==",
        value=True,
        position=1,
    )
    Participant.objects.create(campaign=campaign, unit=trio["a"])
    round_ = campaign.rounds.get()
    round_.registration_deadline = timezone.localdate()
    round_.save()
    return round_


def set_deadline(round_, days_from_today: int) -> str:
    round_.registration_deadline = timezone.localdate() + dt.timedelta(days=days_from_today)
    round_.save()
    return f"{round_.registration_deadline:%d/%m/%Y}"


@pytest.fixture
def media(settings, tmp_path):
    """Uploads go to a fresh folder, so a test can see that nothing was stored."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def upload(name: str, content: bytes):
    """A file under exactly this name (Django's upload parser would already strip a path)."""
    return ContentFile(content, name=name)


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17

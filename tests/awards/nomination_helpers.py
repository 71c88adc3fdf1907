"""The live campaign of `live_helpers` with a dossier the campaign requires, for the tests of
nominations: commune A (TB-BA) is eligible for G-XP, Nguyễn Thị Hoa (P-HOA, of A) for CN."""

from __future__ import annotations

from django.core.files.base import ContentFile

from tests.awards.live_helpers import live_campaign
from thidua.campaigns.models import DossierItem
from thidua.organizations.models import Person

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
COMPONENTS = ["Tờ trình", "Báo cáo thành tích"]


def upload(name: str, content: bytes = PDF_BYTES):
    return ContentFile(content, name=name)


def stored_files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def use_media(settings, tmp_path):
    """Uploads go to a fresh folder, so a test can see that nothing was stored."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_live(trio):
    campaign = live_campaign(trio["district"])
    DossierItem.objects.create(
        campaign=campaign, component="Tờ trình", template="Mẫu 01", copies=1, position=1
    )
    DossierItem.objects.create(
        campaign=campaign,
        component="Báo cáo thành tích",
        template="Mẫu 02",
        copies=3,
        position=2,
    )
    DossierItem.objects.create(
        campaign=campaign, subject="collective", component="Biên bản họp HĐTĐKT", position=3
    )
    return {
        **trio,
        "campaign": campaign,
        "round": campaign.rounds.get(),
        "g_xp": campaign.lines.get(line_id="G-XP"),
        "cn": campaign.lines.get(line_id="CN"),
        "hoa": Person.objects.get(code="P-HOA"),
    }

"""The documents of a round's end as a reader sees them, made through the services from the
council to the certificates: the council's minutes (.docx), the decision (.docx and its signed
PDF) and a certificate (PDF), converted to PNG pages that a person looks at
(`pytest -m render`; THIDUA_RENDER_DIR keeps the pictures)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.awards.council_helpers import make_council, voted_and_closed
from tests.awards.decision_helpers import SIGNED_ON, use_signing
from thidua.awards.certificates import render_certificate
from thidua.awards.council_documents import minutes_docx
from thidua.awards.models import Certificate
from thidua.awards.services import council as council_services
from thidua.awards.services import decisions as decision_services
from thidua.awards.services.signing import create_demo_identities

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing"),
]
ROOT = Path(__file__).resolve().parents[2]
TIE_NOTE = "Hội đồng thống nhất xếp xã Bình Chánh Giải Nhì do có tỷ lệ hồ sơ trực tuyến cao hơn."


@pytest.fixture
def out_dir(tmp_path) -> Path:
    kept = os.environ.get("THIDUA_RENDER_DIR")
    path = Path(kept) if kept else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _pages(out_dir: Path, name: str) -> list[Path]:
    pages = sorted(out_dir.glob(f"{name}-*.png"))
    assert pages and pages[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return pages


def _docx(out_dir: Path, name: str, content: bytes) -> list[Path]:
    source = out_dir / f"{name}.docx"
    source.write_bytes(content)
    script = ROOT / "scripts" / "render_docx.sh"
    subprocess.run([str(script), str(source), str(out_dir)], check=True, timeout=300)
    return _pages(out_dir, name)


def _pdf(out_dir: Path, name: str, content: bytes) -> list[Path]:
    source = out_dir / f"{name}.pdf"
    source.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", str(source), str(out_dir / name)], check=True, timeout=120
    )
    return _pages(out_dir, name)


def test_minutes_decision_and_certificate_render(trio, settings, tmp_path, out_dir):
    use_signing(settings, tmp_path)
    council = voted_and_closed(make_council(trio))
    session, standing = council["session"], council["standing"]
    council_services.set_conclusion(
        actor=standing,
        session=session,
        conclusion="Hội đồng thống nhất đề nghị Chủ tịch UBND huyện khen thưởng các tập thể, "
        "cá nhân có tên trên.",
    )
    nominations = council["nominations"]
    for key, tier, note in (
        ("ba", "Giải Nhất", ""),
        ("bc", "Giải Nhì", TIE_NOTE),
        ("hoa", "", ""),
        ("binh", "", ""),
    ):
        council_services.confirm_award(
            actor=standing, session=session, nomination=nominations[key], tier=tier, tie_note=note
        )
    _docx(out_dir, "bien-ban", minutes_docx(session))

    create_demo_identities([trio["district"]])
    decision = decision_services.draft_decision(actor=standing, round=council["round"])
    decision_services.update_decision(
        actor=standing,
        decision=decision,
        number="15/QĐ-UBND",
        signed_on=SIGNED_ON,
        signer_name="Lê Văn Tám",
        signer_title="CHỦ TỊCH",
        place="Thăng Bình",
        summary=decision.summary,
    )
    decision = decision_services.issue_decision(actor=standing, decision=decision)
    _docx(out_dir, "quyet-dinh", decision.docx.read())
    decision.pdf.open("rb")
    _pdf(out_dir, "quyet-dinh-ky-so", decision.pdf.read())
    certificate = Certificate.objects.get(award__nomination=nominations["bc"])
    _pdf(out_dir, "giay-khen", render_certificate(certificate))

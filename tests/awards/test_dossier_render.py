"""The dossier's generated documents as a reader sees them: the Tờ trình and both Báo cáo
thành tích (individual, collective) converted by LibreOffice to PDF and PNG pages, which a
person looks at (`pytest -m render`; THIDUA_RENDER_DIR keeps the pictures)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.awards.nomination_helpers import make_live
from thidua.awards import dossier_documents as documents
from thidua.awards.services import nominations as services
from thidua.organizations.models import Unit

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing"),
]
RENDER_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "render_docx.sh"


@pytest.fixture
def out_dir(tmp_path) -> Path:
    kept = os.environ.get("THIDUA_RENDER_DIR")
    path = Path(kept) if kept else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _render(out_dir: Path, name: str, content: bytes) -> list[Path]:
    source = out_dir / f"{name}.docx"
    source.write_bytes(content)
    subprocess.run([str(RENDER_SCRIPT), str(source), str(out_dir)], check=True, timeout=300)
    pages = sorted(out_dir.glob(f"{name}-*.png"))
    assert pages and pages[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return pages


def test_the_dossier_documents_render(trio, out_dir):
    live = make_live(trio)
    round_ = live["round"]
    hoa = services.create_nomination(
        actor=live["standing"], round=round_, line=live["cn"], person=live["hoa"]
    )
    commune = Unit.objects.get(code="TB-BA")
    collective = services.create_nomination(
        actor=live["standing"], round=round_, line=live["g_xp"], unit=commune
    )
    results = documents.results_of([hoa, collective])
    _render(
        out_dir,
        "to-trinh",
        documents.render(documents.to_trinh_document(round_, commune, [hoa, collective])),
    )
    _render(out_dir, "bao-cao-ca-nhan", documents.render(documents.report_document(hoa, results)))
    _render(
        out_dir,
        "bao-cao-tap-the",
        documents.render(documents.report_document(collective, results)),
    )

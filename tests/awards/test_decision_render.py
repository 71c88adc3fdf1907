"""The issued decision's files as images, to look at (`pytest -m render`): the .docx through
LibreOffice and the signed PDF through pdftoppm, into /tmp/h2_render/."""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.awards.decision_helpers import (
    make_award,
    make_round_with_awards,
    ready_draft,
    use_signing,
)
from tests.factories import make_person
from thidua.awards.services.decisions import issue_decision

OUT = Path("/tmp/h2_render")


@pytest.mark.render
def test_render_issued_decision(trio, settings, tmp_path):
    if not (shutil.which("soffice") and shutil.which("pdftoppm")):
        pytest.skip("LibreOffice or poppler is not installed")
    use_signing(settings, tmp_path)
    data = make_round_with_awards(trio, people=3)
    for n, name in enumerate(("Võ Thị Lan", "Đặng Quốc Bảo", "Huỳnh Văn Tâm")):
        person = make_person(
            unit=trio["b"], full_name=name, job_title="Công chức Tư pháp - Hộ tịch", female=n == 0
        )
        make_award(data["round"], data["individual"], unit=trio["b"], person=person, rank=10 + n)
    decision = issue_decision(actor=data["standing"], decision=ready_draft(data))
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("decision-*"):
        old.unlink()
    (OUT / "decision-signed.pdf").write_bytes(decision.pdf.read())
    (OUT / "decision.docx").write_bytes(decision.docx.read())
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            tmp_path,
            OUT / "decision.docx",
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    (OUT / "decision-docx.pdf").write_bytes((tmp_path / "decision.pdf").read_bytes())
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", OUT / "decision-signed.pdf", OUT / "decision-pdf"],
        check=True,
    )
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", OUT / "decision-docx.pdf", OUT / "decision-docx"],
        check=True,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", OUT / "decision-signed.pdf", "-"], capture_output=True, text=True
    ).stdout
    assert "Số: 12/QĐ-UBND" in text
    assert "Điều 1." in text
    assert sorted(p.name for p in OUT.glob("decision-pdf-*.png"))

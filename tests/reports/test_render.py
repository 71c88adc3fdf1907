"""The roll-up report converted by LibreOffice, as a reader sees it (`pytest -m render`); set
THIDUA_RENDER_DIR to keep the PDF and the pictures to look at."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.reports.helpers import province_cascade
from thidua.documents.docx import render_docx
from thidua.reports.documents import rollup_document
from thidua.reports.selectors import build_rollup

RENDER_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "render_docx.sh"


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing")
def test_rollup_report_converts_to_pdf_and_png(trio, tmp_path):
    data = province_cascade(trio)
    out = Path(os.environ.get("THIDUA_RENDER_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    source = out / "tong-hop.docx"
    source.write_bytes(render_docx(rollup_document(build_rollup(data["plan"]))))
    subprocess.run([str(RENDER_SCRIPT), str(source), str(out)], check=True, timeout=300)
    info = subprocess.run(
        ["pdfinfo", str(out / "tong-hop.pdf")], capture_output=True, text=True, check=True
    )
    pages = int(re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE).group(1))
    assert 1 <= pages <= 3
    pngs = sorted(out.glob("tong-hop-*.png"))
    assert len(pngs) == pages
    text = subprocess.run(
        ["pdftotext", "-layout", str(out / "tong-hop.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "BÁO CÁO" in text
    assert "ĐƠN VỊ CHƯA BÁO CÁO" in text

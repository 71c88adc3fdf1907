"""What a restore must give back, shared by the backup tests (tests/core/test_backup.py, in the
test process) and the end-to-end restore of the demo (tests/demo/test_backup_restore_demo.py),
which runs `main()` in a subprocess for each installation and compares what they print:

    python -c "import django; django.setup(); from tests.core.backup_checks import main; main()"

`snapshot()` is plain JSON: the row count and a digest of the rows of every model, every
campaign's package export as canonical JSON, every decision (number, date, signer, awards with
amounts, the checksums of its files, its signature as the verification page checks it), the
certificate codes the public verification finds, and every stored file's path and sha256.
`differences()` says, one line per item, where two snapshots part.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models.fields.files import FieldFile

from thidua.awards.enums import DecisionState
from thidua.awards.models import Award, Certificate, Decision
from thidua.awards.services.signing import trusted_root_pems
from thidua.campaigns.models import Campaign
from thidua.campaigns.services.exchange import export_package
from thidua.documents import signing
from thidua.public.selectors import genuine_certificate


def media_checksums(media) -> dict[str, str]:
    """Every file under `media`: its path relative to it → sha256."""
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(media).rglob("*"))
        if path.is_file()
    }


def _file_sha256(field: FieldFile) -> str | None:
    if not field:
        return None
    with field.open("rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def decision_facts(decision_id):
    decision = Decision.objects.select_related("issuer").get(pk=decision_id)
    awards = [
        (
            a.line.line_id,
            (a.nomination.unit.code, a.nomination.person.code if a.nomination.person else None),
            a.tier,
            a.rank,
            a.amount,
            str(a.coefficient),
            a.form_code,
            a.certificate.code,
        )
        for a in Award.objects.filter(decision=decision)
        .select_related("line", "certificate", "nomination__unit", "nomination__person")
        .order_by("pk")
    ]
    return {
        "number": decision.number,
        "state": decision.state,
        "issuer": decision.issuer.code,
        "signed_on": decision.signed_on,
        "signer": (decision.signer_name, decision.signer_title, decision.signer_capacity),
        "base_salary": decision.base_salary,
        "pdf": decision.pdf.name,
        "docx": decision.docx.name,
        "pdf_sha256": decision.pdf_sha256,
        "pdf_bytes_sha256": _file_sha256(decision.pdf),
        "docx_bytes_sha256": _file_sha256(decision.docx),
        "awards": awards,
    }


def signature_check(decision: Decision) -> dict[str, Any] | None:
    """The decision's PDF as the public verification page (awards.screens.decisions.
    verify_document) sees it: the signature against the installation's trusted roots, and
    which issued decision the file is."""
    if not decision.pdf:
        return None
    with decision.pdf.open("rb") as fh:
        data = fh.read()
    result = signing.verify_pdf(data, trusted_root_pems())
    found = Decision.objects.filter(
        pdf_sha256=signing.sha256(data), state=DecisionState.ISSUED
    ).first()
    return {
        "signed": result.signed,
        "intact": result.intact,
        "trusted": result.trusted,
        "covers_whole_file": result.covers_whole_file,
        "signer": result.signer,
        "organization": result.organization,
        "signed_at": result.signed_at.isoformat() if result.signed_at else None,
        "problems": [str(problem) for problem in result.problems],
        "decision": found.pk if found else None,
    }


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class _Encoder(json.JSONEncoder):
    """Values exactly: times to the microsecond (the backup keeps them, see
    thidua.core.serializers_json); anything else as its str()."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        if isinstance(o, dt.date):
            return o.isoformat()
        return str(o)


def _rows_digest(model) -> str:
    digest = hashlib.sha256()
    for row in model._base_manager.order_by("pk").values_list():
        digest.update(json.dumps(row, ensure_ascii=False, cls=_Encoder).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def snapshot() -> dict[str, Any]:
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    decisions = Decision.objects.order_by("pk")
    return json.loads(
        json.dumps(
            {
                "counts": {m._meta.label: m._base_manager.count() for m in models},
                "rows": {m._meta.label: _rows_digest(m) for m in models},
                "packages": {
                    str(campaign.pk): canonical_json(export_package(campaign))
                    for campaign in Campaign.objects.order_by("pk")
                },
                "decisions": {str(d.pk): decision_facts(d.pk) for d in decisions},
                "signatures": {str(d.pk): signature_check(d) for d in decisions},
                "certificates": {
                    c.code: {
                        "award": c.award_id,
                        "issued_at": c.issued_at,
                        "genuine": genuine_certificate(c.code) is not None,
                    }
                    for c in Certificate.objects.order_by("code")
                },
                "files": media_checksums(settings.MEDIA_ROOT),
            },
            cls=_Encoder,
        )
    )


def _short(value: Any) -> str:
    text = "—" if value is None else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 120 else text[:117] + "…"


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """One line per item of a section that is missing, extra or different; [] when equal."""
    lines = []
    for section in sorted(set(before) | set(after)):
        old, new = before.get(section) or {}, after.get(section) or {}
        for key in sorted(set(old) | set(new)):
            if key not in new:
                lines.append(f"{section}: {key} missing")
            elif key not in old:
                lines.append(f"{section}: {key} extra")
            elif old[key] != new[key]:
                lines.append(f"{section}: {key}: {_short(old[key])} ≠ {_short(new[key])}")
    return lines


def main() -> None:
    """Print the installation's snapshot (run with Django set up, see the module docstring)."""
    sys.stdout.write(canonical_json(snapshot()) + "\n")

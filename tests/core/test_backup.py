"""Backup and restore (issue 10): the archive holds the database and every stored file; a
restore into an empty installation gives back the same campaigns (package exports identical),
the same decisions and files with the same checksums; a non-empty installation and a tampered
archive are refused before anything is written."""

import hashlib
import io
import json
import tarfile
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.awards.decision_helpers import make_round_with_awards, ready_draft, use_signing
from tests.core.backup_checks import decision_facts, media_checksums
from tests.factories import make_unit
from thidua.awards.models import Certificate
from thidua.awards.services.decisions import issue_decision
from thidua.campaigns.models import Campaign
from thidua.campaigns.services.exchange import export_package
from thidua.core import backup
from thidua.core.legal import in_force
from thidua.core.models import LegalValue
from thidua.organizations.models import Unit

EVIDENCE = "evidence/2025/TB-BA/minh-chung-1.pdf"


@pytest.fixture
def issued(trio, settings, tmp_path):
    media = use_signing(settings, tmp_path)
    data = make_round_with_awards(trio, people=2)
    # The helper's signer has capacity "" which the package reader refuses; none is valid.
    Campaign.objects.filter(pk=data["campaign"].pk).update(
        signer={"name": "Trần Văn Hùng", "title": "Chủ tịch", "capacity": None}
    )
    decision = issue_decision(actor=data["standing"], decision=ready_draft(data))
    default_storage.save(EVIDENCE, ContentFile(b"%PDF-1.4 minh chung " + bytes(range(256))))
    return {**data, "decision": decision, "media": media}


def empty_installation(settings, tmp_path):
    """What a freshly migrated installation is: no rows but the legal values the migrations
    seed (flush drops them; they are seeded again) and an empty media directory."""
    if connection.vendor == "postgresql":
        # The test's own transaction holds deferred foreign-key checks; TRUNCATE wants none.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    import_module("thidua.core.migrations.0002_seed_legal_values").seed(django_apps, None)
    assert LegalValue.objects.exists()
    settings.MEDIA_ROOT = tmp_path / "media-new"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def test_backup_then_restore_into_an_empty_installation_gives_back_the_same(
    issued, settings, tmp_path
):
    campaign = issued["campaign"]
    package = export_package(campaign)
    facts = decision_facts(issued["decision"].pk)
    files = media_checksums(issued["media"])
    assert EVIDENCE in files and facts["pdf"] in files and facts["docx"] in files
    assert len(facts["awards"]) == 3 and all(a[4] for a in facts["awards"])
    certificates = Certificate.objects.count()
    archive = tmp_path / "sao-luu.tar.gz"

    call_command("backup", str(archive), verbosity=0)

    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        assert manifest["format_version"] == backup.FORMAT_VERSION
        assert manifest["migrations"]["awards"] == "0002_council_decision_certificates"
        assert manifest["counts"]["campaigns.Campaign"] == 1
        assert manifest["counts"]["awards.Certificate"] == certificates
        assert {n: e["sha256"] for n, e in manifest["files"].items()} == files
        data = tar.extractfile("data.json").read()
        assert hashlib.sha256(data).hexdigest() == manifest["data"]["sha256"]
        labels = {row["model"] for row in json.loads(data)}
        assert "contenttypes.contenttype" not in labels and "auth.permission" not in labels

    media = empty_installation(settings, tmp_path)
    assert not Campaign.objects.exists() and not Unit.objects.exists()
    out = io.StringIO()

    call_command("restore", str(archive), stdout=out)

    assert export_package(Campaign.objects.get(pk=campaign.pk)) == package
    assert decision_facts(issued["decision"].pk) == facts
    assert media_checksums(media) == files
    assert Certificate.objects.count() == certificates
    assert in_force("base_salary", on=facts["signed_on"]) is not None
    assert "Đã khôi phục" in out.getvalue()
    # New rows take ids after the restored ones (sequences reset on PostgreSQL).
    new = make_unit(name="UBND xã Mới", parent=issued["district"], code="TB-MOI")
    assert new.pk > max(Unit.objects.exclude(pk=new.pk).values_list("pk", flat=True))


def test_restore_into_a_non_empty_installation_is_refused_and_changes_nothing(issued, tmp_path):
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    default_storage.delete(EVIDENCE)
    rows = {m._meta.label: m._base_manager.count() for m in backup.backed_up_models()}
    files = media_checksums(issued["media"])

    with pytest.raises(CommandError, match="cài đặt trống") as refused:
        call_command("restore", str(archive), verbosity=0)

    assert refused.value.returncode == 2
    assert {m._meta.label: m._base_manager.count() for m in backup.backed_up_models()} == rows
    assert media_checksums(issued["media"]) == files
    assert not default_storage.exists(EVIDENCE)


def tamper(source, target, member_name):
    """The same archive with one byte of `member_name` changed."""
    with tarfile.open(source, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            content = src.extractfile(member).read()
            if member.name == member_name:
                content = bytes([content[0] ^ 1]) + content[1:]
            dst.addfile(member, io.BytesIO(content))


@pytest.mark.parametrize("member", ["files/" + EVIDENCE, "data.json"])
def test_a_tampered_archive_is_refused_before_anything_is_written(
    issued, settings, tmp_path, member
):
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    tampered = tmp_path / "sua.tar.gz"
    tamper(archive, tampered, member)
    media = empty_installation(settings, tmp_path)
    seeded = LegalValue.objects.count()

    with pytest.raises(CommandError, match="không khớp mã kiểm tra") as refused:
        call_command("restore", str(tampered), verbosity=0)

    assert refused.value.returncode == 2
    assert LegalValue.objects.count() == seeded
    assert not any(
        m._base_manager.exists()
        for m in backup.backed_up_models()
        if m._meta.label_lower not in backup.SEEDED
    )
    assert media_checksums(media) == {}


def test_a_different_migration_state_is_refused(issued, settings, tmp_path):
    archive = tmp_path / "sao-luu.tar.gz"
    manifest = backup.create_backup(archive)
    manifest["migrations"]["awards"] = "0003_khong_co"
    forged = tmp_path / "khac.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(forged, "w:gz") as dst:
        for member in src:
            content = src.extractfile(member).read()
            if member.name == "manifest.json":
                content = json.dumps(manifest).encode()
                member.size = len(content)
            dst.addfile(member, io.BytesIO(content))
    empty_installation(settings, tmp_path)

    with pytest.raises(CommandError, match="trạng thái di trú"):
        call_command("restore", str(forged), verbosity=0)

    assert not Unit.objects.exists()


def test_backup_refuses_to_overwrite_an_existing_file(db, tmp_path):
    archive = tmp_path / "co-roi.tar.gz"
    archive.write_bytes(b"x")

    with pytest.raises(CommandError, match="đã có"):
        call_command("backup", str(archive), verbosity=0)

    assert archive.read_bytes() == b"x"

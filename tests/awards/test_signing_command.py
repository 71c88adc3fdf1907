"""`thidua signing demo|import` and the system check on the signing passphrase."""

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.management import call_command

from tests.awards.decision_helpers import PASSPHRASE
from tests.factories import make_unit
from thidua.awards.checks import check_signing_passphrase
from thidua.awards.models import SigningIdentity, TrustedRoot
from thidua.documents import signing


@pytest.fixture
def units(db, settings):
    settings.THIDUA_SIGNING_PASSPHRASE = PASSPHRASE
    return make_unit(name="UBND xã Bình An", code="BA"), make_unit(name="UBND xã Hòa", code="HO")


def test_demo_makes_a_root_and_an_identity_per_unit_once(units, capsys):
    call_command("signing", "demo", "--unit", "BA", "--unit", "HO")
    call_command("signing", "demo", "--unit", "BA", "--unit", "HO")

    assert TrustedRoot.objects.filter(is_demo=True).count() == 1
    assert sorted(SigningIdentity.objects.values_list("unit__code", flat=True)) == ["BA", "HO"]
    assert "đã có chứng thư số" in capsys.readouterr().out


def test_an_unknown_unit_fails_and_changes_nothing(units, capsys):
    with pytest.raises(SystemExit) as exit:
        call_command("signing", "demo", "--unit", "BA", "--unit", "XX")

    assert exit.value.code == 2
    assert "XX" in capsys.readouterr().err
    assert not SigningIdentity.objects.exists()


def _p12(tmp_path, password: bytes):
    ca_key, ca_cert = signing.make_demo_ca("CA nhà cung cấp")
    key, cert = signing.issue_certificate(ca_key, ca_cert, "UBND xã Bình An", "UBND", 365)
    data = pkcs12.serialize_key_and_certificates(
        b"ba",
        serialization.load_pem_private_key(key, None),
        x509.load_pem_x509_certificate(cert),
        [x509.load_pem_x509_certificate(ca_cert)],
        serialization.BestAvailableEncryption(password),
    )
    path = tmp_path / "ba.p12"
    path.write_bytes(data)
    return path


def test_import_reads_the_p12_with_the_password_from_the_environment(units, tmp_path, monkeypatch):
    monkeypatch.setenv("THIDUA_P12_PASSWORD", "bí mật")
    path = _p12(tmp_path, "bí mật".encode())

    call_command("signing", "import", "--unit", "BA", "--p12", str(path))

    identity = SigningIdentity.objects.get(unit__code="BA")
    assert identity.subject == "UBND xã Bình An"
    assert "ENCRYPTED" in identity.private_key
    assert "BEGIN CERTIFICATE" in identity.chain


def test_import_with_a_wrong_password_fails_and_changes_nothing(
    units, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("THIDUA_P12_PASSWORD", "sai")
    path = _p12(tmp_path, b"dung")

    with pytest.raises(SystemExit):
        call_command("signing", "import", "--unit", "BA", "--p12", str(path))

    assert "sai mật khẩu" in capsys.readouterr().err
    assert not SigningIdentity.objects.exists()


def test_demo_without_a_passphrase_fails(units, settings, capsys):
    settings.THIDUA_SIGNING_PASSPHRASE = ""

    with pytest.raises(SystemExit):
        call_command("signing", "demo", "--unit", "BA")

    assert "THIDUA_SIGNING_PASSPHRASE" in capsys.readouterr().err


def test_the_check_warns_in_production_without_a_passphrase(settings):
    settings.DEBUG = False
    settings.THIDUA_SIGNING_PASSPHRASE = ""
    assert [w.id for w in check_signing_passphrase(None)] == ["thidua.W101"]
    settings.THIDUA_SIGNING_PASSPHRASE = "x" * 32
    assert check_signing_passphrase(None) == []

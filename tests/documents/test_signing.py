"""PAdES signatures: a demo CA issues a unit's certificate, a PDF is signed and checked; one
byte altered, an untrusted root, an unsigned file and garbage all fail with a reason."""

import pytest
from cryptography.hazmat.primitives import serialization

from tests.documents.test_pdf import decision
from thidua.documents import signing
from thidua.documents.pdf import render_pdf

PASSPHRASE = "mật khẩu thử"


@pytest.fixture(scope="module")
def pki():
    ca_key, ca_cert = signing.make_demo_ca("CA thử nghiệm thidua")
    key, cert = signing.issue_certificate(
        ca_key, ca_cert, "UBND huyện Thăng Bình", "UBND huyện Thăng Bình", 365
    )
    return {"ca_key": ca_key, "ca_cert": ca_cert, "key": key, "cert": cert}


@pytest.fixture(scope="module")
def signed(pki):
    pdf = render_pdf(decision())
    return signing.sign_pdf(
        pdf,
        signing.encrypt_key(pki["key"], PASSPHRASE),
        pki["cert"],
        [pki["ca_cert"]],
        PASSPHRASE,
        reason="Ban hành Quyết định 12/QĐ-UBND",
        location="Thăng Bình",
        name="UBND huyện Thăng Bình",
    )


def test_a_signed_decision_is_valid_intact_and_trusted(pki, signed):
    result = signing.verify_pdf(signed, [pki["ca_cert"]])

    assert (result.signed, result.intact, result.trusted, result.covers_whole_file) == (
        True,
        True,
        True,
        True,
    )
    assert result.valid
    assert result.signer == "UBND huyện Thăng Bình"
    assert result.signed_at is not None
    assert result.problems == []


def test_the_signature_is_pades(signed):
    assert b"/ETSI.CAdES.detached" in signed


def test_one_byte_altered_in_the_signed_range_is_not_intact(pki, signed):
    altered = bytearray(signed)
    position = signed.index(b"/Type /Catalog") if b"/Type /Catalog" in signed else 400
    altered[position + 1] ^= 0x01

    result = signing.verify_pdf(bytes(altered), [pki["ca_cert"]])

    assert result.signed
    assert not result.intact
    assert not result.valid
    assert str(signing.ALTERED) in [str(p) for p in result.problems]


def test_bytes_added_after_signing_do_not_cover_the_whole_file(pki, signed):
    result = signing.verify_pdf(signed + b"\n% added later\n", [pki["ca_cert"]])

    assert result.intact
    assert not result.covers_whole_file
    assert not result.valid


def test_a_signature_from_an_untrusted_root_is_not_trusted(pki, signed):
    _other_key, other_root = signing.make_demo_ca("CA khác")

    result = signing.verify_pdf(signed, [other_root])

    assert result.intact
    assert not result.trusted
    assert not result.valid
    assert [str(p) for p in result.problems] == [str(signing.UNTRUSTED)]


def test_an_unsigned_pdf_is_not_signed(pki):
    result = signing.verify_pdf(render_pdf(decision()), [pki["ca_cert"]])

    assert not result.signed
    assert [str(p) for p in result.problems] == [str(signing.NOT_SIGNED)]


@pytest.mark.parametrize(
    "data",
    [b"", b"garbage", b"%PDF-1.7\n garbage \x00\xff", b"%PDF-1.7\n" + b"x" * 5000],
    ids=["empty", "text", "pdf-header-garbage", "long-garbage"],
)
def test_garbage_is_invalid_with_a_message_never_an_error(pki, data):
    result = signing.verify_pdf(data, [pki["ca_cert"]])

    assert not result.valid
    assert not result.signed
    assert [str(p) for p in result.problems] == [str(signing.NOT_PDF)]


def test_a_truncated_signed_pdf_is_invalid(pki, signed):
    result = signing.verify_pdf(signed[: len(signed) - 300], [pki["ca_cert"]])

    assert not result.valid
    assert result.problems


def test_keys_are_encrypted_and_decrypted_with_the_passphrase(pki):
    encrypted = signing.encrypt_key(pki["key"], PASSPHRASE)

    assert b"ENCRYPTED" in encrypted
    with pytest.raises((TypeError, ValueError)):
        signing.decrypt_key(encrypted, "sai")
    plain = signing.decrypt_key(encrypted, PASSPHRASE)
    assert serialization.load_pem_private_key(plain, None).public_key().public_numbers() == (
        serialization.load_pem_private_key(pki["key"], None).public_key().public_numbers()
    )


def test_the_issued_certificate_is_for_signing(pki):
    from cryptography import x509

    cert = x509.load_pem_x509_certificate(pki["cert"])
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value

    assert usage.digital_signature and usage.content_commitment
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    info = signing.certificate_info(pki["cert"])
    assert info.subject == "UBND huyện Thăng Bình"
    assert info.fingerprint == signing.fingerprint(pki["cert"])
    assert len(info.fingerprint) == 64


def test_a_pkcs12_bundle_is_read_with_its_password(pki):
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import pkcs12

    bundle = pkcs12.serialize_key_and_certificates(
        b"unit",
        serialization.load_pem_private_key(pki["key"], None),
        x509.load_pem_x509_certificate(pki["cert"]),
        [x509.load_pem_x509_certificate(pki["ca_cert"])],
        serialization.BestAvailableEncryption(b"p12"),
    )

    key, cert, chain = signing.read_pkcs12(bundle, "p12")

    assert cert == pki["cert"]
    assert chain == [pki["ca_cert"]]
    assert key.startswith(b"-----BEGIN PRIVATE KEY")
    with pytest.raises(ValueError):
        signing.read_pkcs12(bundle, "sai")


def test_signing_and_checking_work_where_an_event_loop_already_runs(pki):
    # An ASGI server or a browser test runs a loop in the thread; pyHanko starts its own.
    import asyncio

    async def inside_a_loop():
        signed = signing.sign_pdf(
            render_pdf(decision()),
            signing.encrypt_key(pki["key"], PASSPHRASE),
            pki["cert"],
            [pki["ca_cert"]],
            PASSPHRASE,
            reason="Thử",
            location="Thử",
            name="Thử",
        )
        return signing.verify_pdf(signed, [pki["ca_cert"]])

    result = asyncio.run(inside_a_loop())
    assert result.signed and result.intact and result.trusted

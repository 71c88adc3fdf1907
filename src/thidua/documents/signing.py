"""PAdES signatures on PDF documents, and their verification.

Pure: keys and certificates go in and out as PEM bytes, documents as PDF bytes; no model, no
database. The demo certificate authority (`make_demo_ca`, `issue_certificate`) lets a fresh
installation sign its decisions; a real unit imports the certificate its provider issued.

Signatures are PAdES B-B (SubFilter ETSI.CAdES.detached, SHA-256) without a timestamp: no
timestamp server is reachable from a government intranet, and the signing time the signer
states is what the verification page shows.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import hashlib
import io
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

CA_DAYS = 3650


def _name(common_name: str, organization: str | None = None) -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organization:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


def _key_pem(key, passphrase: str | None = None) -> bytes:
    encryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def make_demo_ca(name: str) -> tuple[bytes, bytes]:
    """A self-signed root for demonstrations: (key PEM, certificate PEM)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(name, name)
    now = _now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=CA_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return _key_pem(key), certificate.public_bytes(serialization.Encoding.PEM)


def issue_certificate(
    ca_key_pem: bytes,
    ca_cert_pem: bytes,
    subject_name: str,
    organization: str,
    days: int,
    *,
    ca_passphrase: str | None = None,
) -> tuple[bytes, bytes]:
    """A signing certificate issued by the CA (digitalSignature + nonRepudiation): (key PEM,
    certificate PEM)."""
    ca_key = serialization.load_pem_private_key(
        ca_key_pem, ca_passphrase.encode() if ca_passphrase else None
    )
    ca_cert = x509.load_pem_x509_certificate(ca_cert_pem)
    key = ec.generate_private_key(ec.SECP256R1())
    now = _now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(subject_name, organization))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(min(now + dt.timedelta(days=days), ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return _key_pem(key), certificate.public_bytes(serialization.Encoding.PEM)


def encrypt_key(key_pem: bytes, passphrase: str) -> bytes:
    """The key as encrypted PKCS#8 PEM (raises ValueError on an empty passphrase)."""
    if not passphrase:
        raise ValueError("an empty passphrase encrypts nothing")
    return _key_pem(serialization.load_pem_private_key(key_pem, None), passphrase)


def decrypt_key(key_pem: bytes, passphrase: str) -> bytes:
    """The key as plain PEM (raises ValueError on a wrong passphrase)."""
    key = serialization.load_pem_private_key(key_pem, passphrase.encode() if passphrase else None)
    return _key_pem(key)


def fingerprint(cert_pem: bytes) -> str:
    """The certificate's SHA-256 fingerprint, in lowercase hex."""
    certificate = x509.load_pem_x509_certificate(cert_pem)
    return certificate.fingerprint(hashes.SHA256()).hex()


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    not_before: dt.datetime
    not_after: dt.datetime
    fingerprint: str


def certificate_info(cert_pem: bytes) -> CertificateInfo:
    certificate = x509.load_pem_x509_certificate(cert_pem)
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return CertificateInfo(
        subject=str(names[0].value) if names else certificate.subject.rfc4514_string(),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        fingerprint=certificate.fingerprint(hashes.SHA256()).hex(),
    )


def read_pkcs12(data: bytes, password: str) -> tuple[bytes, bytes, list[bytes]]:
    """A PKCS#12 bundle's (key PEM, certificate PEM, chain PEMs); ValueError when it holds no
    key and certificate or the password is wrong."""
    key, certificate, chain = pkcs12.load_key_and_certificates(
        data, password.encode() if password else None
    )
    if key is None or certificate is None:
        raise ValueError("the bundle holds no key and certificate")
    return (
        _key_pem(key),
        certificate.public_bytes(serialization.Encoding.PEM),
        [extra.public_bytes(serialization.Encoding.PEM) for extra in chain or ()],
    )


def sign_pdf(
    pdf_bytes: bytes,
    key_pem: bytes,
    cert_pem: bytes,
    chain_pems: Sequence[bytes],
    passphrase: str | None,
    *,
    reason: str,
    location: str,
    name: str,
) -> bytes:
    """The document with a PAdES B-B signature of the whole file by the key's owner."""
    from pyhanko.keys import load_private_key_from_pemder_data
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = load_private_key_from_pemder_data(
        key_pem, passphrase=passphrase.encode() if passphrase else None
    )
    certificate = _certificate(cert_pem)
    chain = [_certificate(pem) for pem in chain_pems]
    signer = signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([certificate, *chain]),
    )
    metadata = signers.PdfSignatureMetadata(
        field_name="ChuKySo",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=name,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    output = outside_event_loop(lambda: signers.sign_pdf(writer, metadata, signer=signer))
    return output.getvalue()


T = TypeVar("T")


def outside_event_loop(work: Callable[[], T]) -> T:
    """Run pyHanko's synchronous API, which starts an asyncio loop of its own, even where this
    thread already runs one (an ASGI server, a browser test): then in a worker thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def _certificate(pem: bytes):
    """An asn1crypto certificate, as pyHanko takes them."""
    from pyhanko.keys import load_certs_from_pemder_data

    certificates = list(load_certs_from_pemder_data(pem))
    if len(certificates) != 1:
        raise ValueError("expected exactly one certificate")
    return certificates[0]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Verification:
    """What a signature check found; `valid` is the bottom line the page shows."""

    signed: bool = False
    intact: bool = False
    trusted: bool = False
    covers_whole_file: bool = False
    signer: str = ""
    organization: str = ""
    signed_at: dt.datetime | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.trusted and self.covers_whole_file


NOT_PDF = _("Tệp không phải là tài liệu PDF đọc được.")
NOT_SIGNED = _("Tài liệu không có chữ ký số.")
ALTERED = _("Nội dung tài liệu đã bị thay đổi sau khi ký: chữ ký không còn khớp với nội dung.")
UNTRUSTED = _(
    "Chứng thư số của người ký không do tổ chức chứng thực mà hệ thống tin cậy cấp, "
    "hoặc đã hết hiệu lực."
)
PARTIAL = _("Tài liệu có phần được thêm hoặc sửa sau khi ký.")
UNREADABLE = _("Không đọc được chữ ký số trong tài liệu.")


def _subject_part(name, attribute: str) -> str:
    try:
        return str(name.native.get(attribute) or "")
    except Exception:
        return ""


def verify_pdf(pdf_bytes: bytes, trusted_root_pems: Sequence[bytes]) -> Verification:
    """Check the last signature of a PDF against the trusted roots. Never raises: garbage,
    an unsigned file or a broken signature come back as problems in Vietnamese."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    result = Verification()
    if pdf_bytes.lstrip()[:5] != b"%PDF-":
        result.problems.append(NOT_PDF)
        return result
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_signatures
    except Exception:
        logger.info("unreadable PDF uploaded for verification", exc_info=True)
        result.problems.append(NOT_PDF)
        return result
    if not signatures:
        result.problems.append(NOT_SIGNED)
        return result
    result.signed = True
    roots = []
    for pem in trusted_root_pems:
        try:
            roots.append(_certificate(pem))
        except Exception:
            logger.warning("a trusted root could not be read", exc_info=True)
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
    )
    signature = signatures[-1]
    try:
        status = outside_event_loop(lambda: validate_pdf_signature(signature, context))
    except (SignatureValidationError, ValueError, KeyError, TypeError) as exc:
        logger.info("signature could not be validated: %s", exc)
        result.problems.append(ALTERED)
        return result
    except Exception:
        logger.info("signature could not be validated", exc_info=True)
        result.problems.append(UNREADABLE)
        return result
    certificate = status.signing_cert
    if certificate is not None:
        result.signer = _subject_part(certificate.subject, "common_name")
        result.organization = _subject_part(certificate.subject, "organization_name")
    result.signed_at = status.signer_reported_dt
    result.intact = bool(status.intact and status.valid)
    result.trusted = bool(status.trusted)
    result.covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    if not result.intact:
        result.problems.append(ALTERED)
    elif not result.covers_whole_file:
        result.problems.append(PARTIAL)
    if not result.trusted:
        result.problems.append(UNTRUSTED)
    return result

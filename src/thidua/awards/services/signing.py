"""The units' signing identities (chứng thư ký số) the decisions are signed with, and the roots
the verification page trusts.

A demo installation makes its own certificate authority (a `TrustedRoot` marked demo) and one
identity per unit; a real unit imports the PKCS#12 file its provider issued (the provider's
root is added by an administrator). Private keys are stored encrypted with the setting
THIDUA_SIGNING_PASSPHRASE; without it nothing is created and nothing is signed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import SigningIdentity, TrustedRoot
from thidua.core.services import record_audit
from thidua.documents import signing
from thidua.organizations.models import Unit

DEMO_CA_NAME = "CA thử nghiệm thidua (không có giá trị pháp lý)"
DEMO_DAYS = 3 * 365


def passphrase() -> str:
    """The passphrase of the stored keys; a ValidationError when the setting is empty."""
    value = settings.THIDUA_SIGNING_PASSPHRASE
    if not value:
        raise ValidationError(
            _(
                "Chưa cấu hình mật khẩu khóa ký số (THIDUA_SIGNING_PASSPHRASE); "
                "hãy báo quản trị hệ thống."
            )
        )
    return value


def active_identity(unit: Unit) -> SigningIdentity | None:
    """The unit's identity in use and valid now (the one valid longest when several)."""
    now = timezone.now()
    return (
        SigningIdentity.objects.filter(
            unit=unit, is_active=True, not_before__lte=now, not_after__gt=now
        )
        .order_by("-not_after", "-pk")
        .first()
    )


def trusted_root_pems() -> list[bytes]:
    return [root.certificate.encode() for root in TrustedRoot.objects.all()]


def _store_identity(
    unit: Unit, key_pem: bytes, cert_pem: bytes, chain: Iterable[bytes], secret: str
) -> SigningIdentity:
    info = signing.certificate_info(cert_pem)
    if SigningIdentity.objects.filter(fingerprint=info.fingerprint).exists():
        raise ValidationError(_("Chứng thư số này đã được nhập vào hệ thống."))
    SigningIdentity.objects.filter(unit=unit, is_active=True).update(is_active=False)
    return SigningIdentity.objects.create(
        unit=unit,
        subject=info.subject,
        certificate=cert_pem.decode(),
        chain="".join(pem.decode() for pem in chain),
        private_key=signing.encrypt_key(key_pem, secret).decode(),
        fingerprint=info.fingerprint,
        not_before=info.not_before,
        not_after=info.not_after,
        is_active=True,
        created_at=timezone.now(),
    )


def _demo_root() -> tuple[TrustedRoot, bytes]:
    """A new demo CA: its root is trusted from now on, its key is never stored (a later run for
    new units makes another root)."""
    key_pem, cert_pem = signing.make_demo_ca(DEMO_CA_NAME)
    root = TrustedRoot.objects.create(
        name=DEMO_CA_NAME,
        certificate=cert_pem.decode(),
        fingerprint=signing.fingerprint(cert_pem),
        is_demo=True,
        added_at=timezone.now(),
    )
    return root, key_pem


@transaction.atomic
def create_demo_identities(units: Iterable[Unit], actor: Any = None) -> list[SigningIdentity]:
    """A demo CA and one identity per unit that has no active one (run twice: the second run
    changes nothing)."""
    secret = passphrase()
    missing = [unit for unit in units if active_identity(unit) is None]
    if not missing:
        return []
    root, ca_key = _demo_root()
    identities = []
    for unit in missing:
        key_pem, cert_pem = signing.issue_certificate(
            ca_key, root.certificate.encode(), unit.name, unit.name, DEMO_DAYS
        )
        identity = _store_identity(unit, key_pem, cert_pem, [root.certificate.encode()], secret)
        record_audit(
            actor=actor,
            action="signing.demo_identity",
            obj=identity,
            after={"unit": unit.code, "fingerprint": identity.fingerprint, "demo": True},
        )
        identities.append(identity)
    return identities


@transaction.atomic
def import_identity(
    unit: Unit, p12_bytes: bytes, p12_password: str, actor: Any = None
) -> SigningIdentity:
    """A unit's certificate from its PKCS#12 file; it replaces the unit's active identity."""
    secret = passphrase()
    try:
        key_pem, cert_pem, chain = signing.read_pkcs12(p12_bytes, p12_password)
    except ValueError as exc:
        raise ValidationError(
            _("Không đọc được tệp chứng thư số (.p12): sai mật khẩu hoặc tệp không hợp lệ.")
        ) from exc
    info = signing.certificate_info(cert_pem)
    if info.not_after <= timezone.now():
        raise ValidationError(
            _("Chứng thư số đã hết hiệu lực từ %(day)s.")
            % {"day": f"{timezone.localtime(info.not_after):%d/%m/%Y}"}
        )
    identity = _store_identity(unit, key_pem, cert_pem, chain, secret)
    record_audit(
        actor=actor,
        action="signing.import_identity",
        obj=identity,
        after={"unit": unit.code, "fingerprint": identity.fingerprint, "subject": info.subject},
    )
    return identity

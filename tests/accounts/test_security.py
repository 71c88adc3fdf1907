"""Log-in throttling (django-axes), password rules, the Content Security Policy and the
security headers of every page."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import PASSWORD, make_unit, make_user
from thidua.core.security import client_ip

LOGIN = "/dang-nhap/"
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "thidua"


def _try(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def officer(db):
    return make_user(unit=make_unit(), username="canbo")


def test_five_wrong_passwords_lock_the_username_from_that_address(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _try(client, "canbo", "sai-mat-khau")
        assert response.status_code == 200
        assert "không đúng" in response.content.decode()
    response = _try(client, "canbo", "sai-mat-khau")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Đăng nhập sai quá 5 lần" in page and "15 phút" in page
    # Locked: even the right password is refused, and no session is opened.
    response = _try(client, "canbo", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_one_address_only_and_a_success_resets_the_count(client, officer):
    for _ in range(5):
        _try(client, "canbo", "sai", ip="10.0.0.1")
    assert _try(client, "canbo", PASSWORD, ip="10.0.0.1").status_code == 429
    # From another office's address the same officer logs in.
    response = _try(client, "canbo", PASSWORD, ip="10.0.0.2")
    assert response.status_code == 302
    client.logout()
    # Four failures and a success: the count starts again.
    for _ in range(4):
        _try(client, "canbo", "sai", ip="10.0.0.3")
    assert _try(client, "canbo", PASSWORD, ip="10.0.0.3").status_code == 302
    client.logout()
    for _ in range(4):
        _try(client, "canbo", "sai", ip="10.0.0.3")
    assert _try(client, "canbo", PASSWORD, ip="10.0.0.3").status_code == 302


def test_an_unknown_username_is_throttled_too(client, db):
    for _ in range(5):
        _try(client, "khong-co", "sai")
    assert _try(client, "khong-co", "sai").status_code == 429


def test_the_client_address_is_the_socket_unless_behind_the_proxy(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "10.1.1.1"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The client may claim anything before the proxy's own hop; only the last one counts.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    assert client_ip(request) == "203.0.113.7"


@pytest.mark.parametrize(
    "password",
    ["ngan-1", "matkhaudaithat", "1234567890", "password123", "abcdefghij"],
)
def test_weak_passwords_are_refused(db, password):
    user = make_user(unit=make_unit(), username="canbo")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_good_password_passes(db):
    user = make_user(unit=make_unit(), username="canbo")
    validate_password("Cai-cach-hanh-chinh-2026", user)


def test_the_password_change_form_says_why_in_vietnamese(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "thiduathidua",
            "new_password2": "thiduathidua",
        },
    )
    assert response.status_code == 200
    assert "ít nhất một chữ số hoặc ký hiệu" in response.content.decode()


def test_every_page_has_the_security_headers(client, db):
    response = client.get(LOGIN)
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_has_an_inline_script_or_handler():
    """The policy forbids them; one slipping in would silently not run in the browser."""
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in INLINE_SCRIPT.finditer(text):
            if 'type="application/json"' not in match.group(0):
                offenders.append(f"{path.name}: {match.group(0)}")
        offenders += [f"{path.name}: {m.group(0)}" for m in HANDLER.finditer(text)]
    assert offenders == []


def test_a_log_in_lasts_a_working_day(client, officer):
    response = _try(client, "canbo", PASSWORD)
    assert response.status_code == 302
    assert client.session.get_expiry_age() == 10 * 3600
    assert response.cookies["sessionid"]["max-age"] == 10 * 3600

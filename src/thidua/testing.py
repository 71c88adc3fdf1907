"""pytest plugin (`-p thidua.testing`): the test run's environment, set before pytest-django
loads the settings (a conftest.py would come too late)."""

import os
import tempfile

os.environ.setdefault("THIDUA_SECRET_KEY", "test-secret-key-not-for-production")
os.environ.setdefault("THIDUA_JOBS_INLINE", "1")
os.environ.setdefault("THIDUA_SECURE_COOKIES", "0")
os.environ.setdefault("THIDUA_STATIC_MANIFEST", "0")
os.environ.setdefault("THIDUA_STATIC_ROOT", tempfile.mkdtemp(prefix="thidua-static-"))
os.environ.setdefault("THIDUA_MEDIA_ROOT", tempfile.mkdtemp(prefix="thidua-media-"))
os.environ.setdefault("THIDUA_EMAIL_HOST", "smtp.example.invalid")
os.environ.setdefault("THIDUA_SITE_URL", "https://thidua.example.vn")
os.environ.setdefault("THIDUA_SIGNING_PASSPHRASE", "test-signing-passphrase-not-for-production")


def pytest_configure(config):
    """A fast password hasher: the tests create many accounts."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

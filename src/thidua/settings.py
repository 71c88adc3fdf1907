"""One settings module, driven by environment variables (see docs/configuration.md).

It fails closed: DEBUG is off unless asked for, and outside DEBUG a missing secret key is an
error rather than a silently insecure default.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    """A string from the environment; NAME_FILE (a path) wins, for secrets."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_path}: {exc}") from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_days(name: str, default: str) -> tuple[int, ...]:
    """Numbers of days, comma separated ("7,3,1"), largest first."""
    raw = os.environ.get(name, default)
    try:
        days = {int(item) for item in raw.split(",") if item.strip()}
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} must be numbers of days separated by commas, got {raw!r}"
        ) from exc
    if not days or min(days) < 0:
        raise ImproperlyConfigured(f"{name} must list one or more days (0 or more), got {raw!r}")
    return tuple(sorted(days, reverse=True))


DEBUG = env_bool("THIDUA_DEBUG", False)
SECRET_KEY = env_str("THIDUA_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "THIDUA_SECRET_KEY is required unless THIDUA_DEBUG=1 (see docs/configuration.md)"
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env_list(
    "THIDUA_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("THIDUA_CSRF_TRUSTED_ORIGINS", [])

VAR_DIR = Path(env_str("THIDUA_VAR_DIR", str(PROJECT_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_htmx",
    "thidua.core",
    "thidua.documents",
    "thidua.organizations",
    "thidua.accounts",
    "thidua.campaigns",
    "thidua.planimport",
    "thidua.monitoring",
    "thidua.awards",
    "thidua.public",
    "thidua.reports",
    "thidua.api",
    "thidua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked-out log-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thidua.accounts.context_processors.bell",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}")
try:
    # Persistent connections, checked before each request's first query so that a database
    # restart costs a reconnect, not an error.
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# `thidua backup` writes times to the microsecond (Django's JSON stops at the millisecond).
SERIALIZATION_MODULES = {"json-exact": "thidua.core.serializers_json"}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username/address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Password rules: at least THIDUA_PASSWORD_MIN_LENGTH characters (10 by default), not like the
# user's name or e-mail, not a common password, not only digits, and letters with a digit or a
# sign (thidua.accounts.passwords).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("THIDUA_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "thidua.accounts.passwords.MixedCharactersValidator"},
]

# Log-in throttling (django-axes, attempts kept in the database so that it holds on every app
# server and without Redis): after THIDUA_LOGIN_FAILURE_LIMIT failed log-ins for one username
# from one address, that pair is refused for THIDUA_LOGIN_COOLOFF_MINUTES; a success resets it.
AXES_FAILURE_LIMIT = env_int("THIDUA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("THIDUA_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "thidua.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "thidua.core.security.client_ip"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("THIDUA_STATIC_ROOT", str(VAR_DIR / "static")))
# The project-wide assets (Bootstrap, htmx, our CSS) live outside any app.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("THIDUA_MEDIA_ROOT", str(VAR_DIR / "media")))
# Stored files (evidence, dossiers, decisions, certificates): on the local disk, or, with
# THIDUA_S3_BUCKET, in an S3-compatible object store shared by every app server (docs/deploy.md).
THIDUA_S3_BUCKET = env_str("THIDUA_S3_BUCKET", "") or ""
if THIDUA_S3_BUCKET:
    _s3_key = env_str("THIDUA_S3_ACCESS_KEY_ID", "") or ""
    _s3_secret = env_str("THIDUA_S3_SECRET_ACCESS_KEY", "") or ""
    if bool(_s3_key) != bool(_s3_secret):
        raise ImproperlyConfigured(
            "THIDUA_S3_ACCESS_KEY_ID and THIDUA_S3_SECRET_ACCESS_KEY go together"
        )
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": THIDUA_S3_BUCKET,
            "endpoint_url": env_str("THIDUA_S3_ENDPOINT_URL", None) or None,
            "region_name": env_str("THIDUA_S3_REGION", None) or None,
            "access_key": _s3_key or None,
            "secret_key": _s3_secret or None,
            "location": env_str("THIDUA_S3_PREFIX", "") or "",
            # Files are private: only the app's permission-checked views read them.
            "default_acl": "private",
            "querystring_auth": True,
            # A name already taken gets a suffix, as on the disk: nothing is overwritten.
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("THIDUA_STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or not STORAGES["staticfiles"]["BACKEND"].startswith("whitenoise")

# Redis (REDIS_URL, optional): the shared cache, the sessions (cached in Redis, kept in the
# database) and, unless THIDUA_CELERY_BROKER_URL says otherwise, Celery's broker, so that any
# number of app servers serve one user as one. Without it: a per-process local-memory cache and
# database sessions (development, demo, tests).
REDIS_URL = env_str("REDIS_URL", "") or ""
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured("REDIS_URL must start with redis:// or rediss://")
    CACHES = {
        "default": {
            # Django's Redis cache that shrugs off a Redis outage (a miss, logged): pages and
            # sessions (kept in the database) go on without it.
            "BACKEND": "thidua.core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("THIDUA_CACHE_PREFIX", "thidua") or "",
            # A Redis that does not answer fails a request in seconds, not minutes.
            "OPTIONS": {"socket_connect_timeout": 3, "socket_timeout": 5},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: Celery on a broker when one is configured, otherwise a worker thread in the
# web process (development, demo); THIDUA_JOBS_INLINE=1 runs jobs synchronously (tests).
CELERY_BROKER_URL = env_str("THIDUA_CELERY_BROKER_URL", "") or REDIS_URL
THIDUA_JOBS_INLINE = env_bool("THIDUA_JOBS_INLINE", False)
# The daily reminders (`thidua remind`): Celery beat runs them where a broker is configured;
# without one, cron runs the command (docs/configuration.md).
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = (
    {
        "send-reminders": {
            "task": "thidua.send_reminders",
            "schedule": crontab(hour=7, minute=0),
        },
        "requeue-stale-jobs": {
            "task": "thidua.requeue_stale_jobs",
            "schedule": crontab(minute="*/5"),
        },
    }
    if CELERY_BROKER_URL
    else {}
)
# A job is acknowledged when it ends, one at a time per worker process, so a worker that dies
# leaves its message for another (thidua.core.jobs also re-sends jobs whose heartbeat stopped).
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("THIDUA_CELERY_VISIBILITY_TIMEOUT", 3600),
    "socket_connect_timeout": 3,
    "socket_timeout": 5,
}
# Publishing to a broker that does not answer gives up quickly (the job then runs in the web
# process) instead of holding the user's request.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
# A running job whose progress has not moved for this long lost its worker and is run again,
# at most THIDUA_JOB_MAX_ATTEMPTS times in all.
THIDUA_JOB_STALE_SECONDS = env_int("THIDUA_JOB_STALE_SECONDS", 300)
THIDUA_JOB_MAX_ATTEMPTS = env_int("THIDUA_JOB_MAX_ATTEMPTS", 3)
# Reminders go out when a deadline is at most this many days away (each threshold once).
THIDUA_REMINDER_DAYS = env_days("THIDUA_REMINDER_DAYS", "7,3,1")
# The address of the site, for the links in e-mails (no trailing slash).
THIDUA_SITE_URL = (env_str("THIDUA_SITE_URL", "") or "").rstrip("/")
if THIDUA_SITE_URL and not THIDUA_SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"THIDUA_SITE_URL must start with https:// or http://, got {THIDUA_SITE_URL!r}"
    )

# E-mail: an SMTP server from the environment; without one, the console in DEBUG, and outside
# DEBUG a system check warns (thidua.W002) that mail goes to localhost:25.
THIDUA_EMAIL_HOST = env_str("THIDUA_EMAIL_HOST", "") or ""
if THIDUA_EMAIL_HOST or not DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_HOST = THIDUA_EMAIL_HOST or "localhost"
EMAIL_PORT = env_int("THIDUA_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("THIDUA_EMAIL_USER", "") or ""
EMAIL_HOST_PASSWORD = env_str("THIDUA_EMAIL_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("THIDUA_EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("THIDUA_EMAIL_FROM", "thidua <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Largest spreadsheet accepted by the registry import, in megabytes.
THIDUA_IMPORT_MAX_MB = env_int("THIDUA_IMPORT_MAX_MB", 20)
# Largest evidence file (tài liệu kiểm chứng) a unit may upload with a report, in megabytes.
THIDUA_EVIDENCE_MAX_MB = env_int("THIDUA_EVIDENCE_MAX_MB", 20)
# Shortest public disclosure (công khai) of a round's proposed list, in days counted inclusively.
THIDUA_DISCLOSURE_MIN_DAYS = env_int("THIDUA_DISCLOSURE_MIN_DAYS", 5)
# Whether a new council session votes by secret ballot (only the tallies are kept); the office
# may still choose per session.
THIDUA_COUNCIL_SECRET_BALLOT = env_bool("THIDUA_COUNCIL_SECRET_BALLOT", False)
# How long the public honour roll (/vinh-danh/) keeps a page's data in the cache, in seconds.
THIDUA_PUBLIC_CACHE_SECONDS = env_int("THIDUA_PUBLIC_CACHE_SECONDS", 600)
# The passphrase that encrypts the units' signing keys in the database. Required in production:
# without it nothing is signed (fails closed); the demo derives one from the secret key.
THIDUA_SIGNING_PASSPHRASE = env_str("THIDUA_SIGNING_PASSPHRASE", "") or (
    f"demo-{SECRET_KEY}" if DEBUG else ""
)

SESSION_COOKIE_HTTPONLY = True
# A log-in lasts a working day (THIDUA_SESSION_HOURS from signing in, 10 by default), not
# Django's two weeks: a computer left on in an office does not stay signed in for days.
SESSION_COOKIE_AGE = env_int("THIDUA_SESSION_HOURS", 10) * 3600
SESSION_COOKIE_SECURE = env_bool("THIDUA_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS (docs/deploy.md): on by default wherever the cookies are secure (outside DEBUG), each
# part can be turned off. Behind a reverse proxy that ends TLS, THIDUA_BEHIND_PROXY=1 trusts its
# X-Forwarded-Proto header (the proxy must set it and strip the client's own).
SECURE_SSL_REDIRECT = env_bool("THIDUA_SSL_REDIRECT", SESSION_COOKIE_SECURE)
# The proxy's health probe speaks plain HTTP to the app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("THIDUA_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = env_bool("THIDUA_USE_X_FORWARDED_HOST", False)
SECURE_HSTS_SECONDS = env_int("THIDUA_HSTS_SECONDS", 31_536_000 if SESSION_COOKIE_SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("THIDUA_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("THIDUA_HSTS_PRELOAD", True)
# Content Security Policy (django-csp): scripts only from our own static files (no inline
# script, no eval), nothing framed, forms post only to us. Styles allow inline `style`
# attributes (progress bars' widths); no inline <style> or <script> is written.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("THIDUA_LOG_LEVEL", "WARNING")},
}

MESSAGE_TAGS = {40: "danger"}
PAGE_SIZE = env_int("THIDUA_PAGE_SIZE", 50)

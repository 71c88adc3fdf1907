"""One settings module, driven by environment variables (see docs/configuration.md).

It fails closed: DEBUG is off unless asked for, and outside DEBUG a missing secret key is an
error rather than a silently insecure default.
"""

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
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
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

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
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
        }
    }
    if CELERY_BROKER_URL
    else {}
)
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("THIDUA_LOG_LEVEL", "WARNING")},
}

MESSAGE_TAGS = {40: "danger"}
PAGE_SIZE = env_int("THIDUA_PAGE_SIZE", 50)

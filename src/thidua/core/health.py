"""`/healthz`: whether this app server can reach what it needs (the reverse proxy's probe).

Three checks, each cheap and with a fixed cost: the database (one `SELECT 1`), the cache (set,
read back and delete one key) and the default storage (save, read back and delete a tiny file
under `health/`). A failure is named by the kind of the error only: no address, user name or
password of a backend ever appears in the answer, which anyone may read.
"""

import logging
import uuid
from collections.abc import Callable

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections

logger = logging.getLogger(__name__)

OK = "ok"
PAYLOAD = b"thidua health probe\n"


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        row = cursor.fetchone()
    if not row or row[0] != 1:
        raise RuntimeError("unexpected answer")


def check_cache() -> None:
    cache = caches["default"]
    key = f"health:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=30)
        if cache.get(key) != value:
            raise RuntimeError("value not read back")
    finally:
        cache.delete(key)


def check_storage() -> None:
    name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(PAYLOAD))
    try:
        with default_storage.open(name, "rb") as stored:
            if stored.read() != PAYLOAD:
                raise RuntimeError("content not read back")
    finally:
        default_storage.delete(name)


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
}


def run_checks() -> dict[str, str]:
    """Each check's outcome: "ok" or a short message naming the kind of failure."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure of a backend is a failed check, not a 500
            logger.warning("health check %s failed", name, exc_info=True)
            results[name] = f"error: {type(exc).__name__}"
        else:
            results[name] = OK
    return results

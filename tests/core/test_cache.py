"""The Redis cache survives Redis being down: misses and dropped writes, quickly, and the
sessions (cached_db) still work from the database."""

import socket
import time

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore

from thidua.core.cache import TolerantRedisCache


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def dead_cache():
    return TolerantRedisCache(
        f"redis://127.0.0.1:{_closed_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )


def test_a_dead_redis_is_a_miss_and_a_dropped_write(dead_cache):
    assert dead_cache.get("k") is None
    assert dead_cache.get("k", "mặc định") == "mặc định"
    assert dead_cache.set("k", 1) is None
    assert dead_cache.add("k", 1) is False
    assert dead_cache.get_many(["a", "b"]) == {}
    assert dead_cache.delete("k") is False
    assert dead_cache.has_key("k") is False
    assert dead_cache.set_many({"a": 1}) == ["a"]
    dead_cache.delete_many(["a"])
    dead_cache.clear()


def test_after_one_failure_calls_are_not_tried_for_a_while(dead_cache, monkeypatch):
    dead_cache.get("k")
    calls = []
    monkeypatch.setattr(
        type(dead_cache).__mro__[1], "get", lambda *a, **k: calls.append(a) or "never"
    )
    started = time.monotonic()
    for _ in range(100):
        assert dead_cache.get("k") is None
    assert calls == []
    assert time.monotonic() - started < 0.5


def test_a_live_redis_is_used(settings):
    cache = TolerantRedisCache("redis://127.0.0.1:6379/9", {"KEY_PREFIX": "thidua-test-cache"})
    try:
        cache.set("k", {"tên": "Bình Đức"}, 30)
    except Exception:  # pragma: no cover - the machine runs Redis
        pytest.skip("no Redis on 127.0.0.1:6379")
    if cache.get("k") is None:
        pytest.skip("no Redis on 127.0.0.1:6379")
    assert cache.get("k") == {"tên": "Bình Đức"}
    cache.delete("k")
    assert cache.get("k") is None


def test_sessions_live_in_the_database_when_redis_is_down(db, settings, dead_cache, monkeypatch):
    monkeypatch.setattr(
        "django.contrib.sessions.backends.cached_db.caches", {"default": dead_cache}
    )
    settings.SESSION_CACHE_ALIAS = "default"
    store = SessionStore()
    store["unit"] = 42
    store.save()
    again = SessionStore(session_key=store.session_key)
    assert again["unit"] == 42

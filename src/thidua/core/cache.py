"""Django's Redis cache, made to survive Redis being down.

The cache only ever holds what can be rebuilt (pages' data, sessions that the database keeps
too, rate counters), so an unreachable Redis is a miss and a warning in the log, not an error
page: a read gives the default, a write is dropped. /healthz still reports the cache as down
(it checks that what it writes comes back).
"""

from __future__ import annotations

import logging
import time
from functools import wraps

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# After a failure, calls are not even tried for this long: a dead Redis costs one timeout,
# not one per cache call of every request.
QUIET_SECONDS = 10


def _tolerant(default_factory):
    def decorate(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return default_factory(args, kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as exc:
                self._down_until = time.monotonic() + QUIET_SECONDS
                logger.warning("cache unavailable (%s): %s", method.__name__, exc)
                return default_factory(args, kwargs)

        return wrapper

    return decorate


def _default_arg(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    @_tolerant(_default_arg)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_tolerant(lambda args, kwargs: False)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version=version)

    @_tolerant(lambda args, kwargs: None)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version=version)

    @_tolerant(lambda args, kwargs: False)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version=version)

    @_tolerant(lambda args, kwargs: False)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_tolerant(lambda args, kwargs: {})
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_tolerant(lambda args, kwargs: False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @_tolerant(lambda args, kwargs: list(args[0]) if args else [])
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version=version)

    @_tolerant(lambda args, kwargs: None)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @_tolerant(lambda args, kwargs: False)
    def clear(self):
        return super().clear()

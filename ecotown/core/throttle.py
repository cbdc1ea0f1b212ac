"""Counting events per key in fixed windows, in Django's cache (shared by every web process when
CACHE_URL names a shared cache, as in production)."""

import hashlib

from django.core.cache import cache


def _cache_key(scope: str, key: str) -> str:
    # Hashed: keys may hold e-mail addresses, which cache keys must neither show nor be broken by.
    return f"throttle:{scope}:{hashlib.sha256(key.encode()).hexdigest()}"


def allow(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one more event of `key` in `scope`; False once more than `limit` happened in the
    current window of `window` seconds."""
    return count(scope, key, window=window) <= limit


def peek(scope: str, key: str) -> int:
    """The events of `key` in `scope` counted in the current window."""
    return int(cache.get(_cache_key(scope, key), 0))


def count(scope: str, key: str, *, window: int) -> int:
    """Count one more event of `key` in `scope`; the count in the current window."""
    cache_key = _cache_key(scope, key)
    cache.add(cache_key, 0, timeout=window)
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # the window ended between add() and incr()
        cache.add(cache_key, 1, timeout=window)
        return 1

"""Counting events per key in fixed windows, in Django's cache (shared by every web process when
CACHE_URL names a shared cache, as in production)."""

import hashlib

from django.core.cache import cache


def allow(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one more event of `key` in `scope`; False once more than `limit` happened in the
    current window of `window` seconds."""
    # Hashed: keys may hold e-mail addresses, which cache keys must neither show nor be broken by.
    digest = hashlib.sha256(key.encode()).hexdigest()
    cache_key = f"throttle:{scope}:{digest}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window ended between add() and incr()
        cache.add(cache_key, 1, timeout=window)
        count = 1
    return count <= limit

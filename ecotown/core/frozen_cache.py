"""Renders of what never changes, made once per language and taken from the cache after.

A plan version never changes (a database trigger sees to it), so what the pages draw from it (the
reading view's sections, the diff of two versions) need not be drawn again. The key digests the
stored values themselves, not a version's content hash: an erasure rewrites a person's name inside
a version without changing its hash, and the cache must not show the old name.
"""

import hashlib
import json
from collections.abc import Callable
from typing import Any, cast

from django.core.cache import cache
from django.utils.translation import get_language

LIFETIME = 24 * 3600


def rendered_once[T](kind: str, stored: Any, render: Callable[[], T]) -> T:
    """`render()` for the JSON-able `stored` values in the active language, or what it gave
    before. `kind` names the render and its shape (raise it when what is cached changes shape,
    so that old entries are never read as new ones)."""
    digest = hashlib.sha256(json.dumps(stored, sort_keys=True).encode()).hexdigest()
    key = f"{kind}:{digest}:{get_language()}"
    cached = cache.get(key)
    if cached is not None:
        return cast(T, cached)
    value = render()
    cache.set(key, value, LIFETIME)
    return value

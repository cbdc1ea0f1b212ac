"""Hooks: how a lower app asks a question that a higher app answers, without importing it.

The apps stand in layers (README): an app imports only those below it. Where a lower app needs
something only a higher one knows (how many seats a seminar has filled, who leads a plan's
review), it declares a Hook; the higher app registers the answer in its AppConfig.ready().
"""

from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import ImproperlyConfigured


class Hook:
    """One question with one answer: a callable registered by the app that owns the idea."""

    def __init__(self, name: str, default: Callable[..., Any] | None = None) -> None:
        self.name = name
        self._default = default
        self._answer: Callable[..., Any] | None = None

    def register(self, answer: Callable[..., Any]) -> Callable[..., Any]:
        if self._answer is not None and self._answer is not answer:
            raise ImproperlyConfigured(f"Hook {self.name!r} is answered twice.")
        self._answer = answer
        return answer

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        answer = self._answer or self._default
        if answer is None:
            raise ImproperlyConfigured(f"No installed app answers the hook {self.name!r}.")
        return answer(*args, **kwargs)


class Contributions:
    """A list that several higher apps add to (parts of an archive, columns of a table)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: list[Any] = []

    def add(self, item: Any) -> Any:
        if item not in self._items:
            self._items.append(item)
        return item

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._items))

"""The language each person reads the portal in, and the one thing that picks it.

A person's own choice (`User.language`, set in their settings or with the header's switcher)
comes first; without one, the browser's language (Django's LocaleMiddleware) is the guess. The
address never changes with the language. Whatever is sent to someone (an e-mail, a
notification) is written in the recipient's language, not the sender's: `in_language_of`.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

# How long the switcher's choice is remembered by a browser nobody signed in to (a year).
COOKIE_AGE = 365 * 24 * 3600


def supported(code: str | None) -> str | None:
    """`code` when the portal speaks it, else None."""
    return code if code in dict(settings.LANGUAGES) else None


def language_choices() -> list[tuple[str, str]]:
    """Each language under its own name ("Français", "العربية"): whoever cannot read the page's
    language still finds theirs."""
    return [
        (code, translation.get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES
    ]


def language_of(person: Any) -> str:
    """The language to write to `person` in: their choice, else the portal's default."""
    return supported(getattr(person, "language", "") or "") or settings.LANGUAGE_CODE


def document_lang() -> dict[str, str]:
    """The `lang` and `dir` of a document written in the active language (a PDF's <html>)."""
    return {
        "lang": translation.get_language(),
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
    }


@contextmanager
def in_language_of(person: Any) -> Iterator[str]:
    """Render what is sent to `person` in their language (and back to the caller's after)."""
    language = language_of(person)
    with translation.override(language):
        yield language


class UserLanguageMiddleware:
    """Activate the signed-in person's chosen language for the whole request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        chosen = (
            supported(getattr(user, "language", "")) if user and user.is_authenticated else None
        )
        if chosen:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        response = self.get_response(request)
        if chosen:
            response.headers.setdefault("Content-Language", chosen)
        return response

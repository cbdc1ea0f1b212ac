"""The seminars' part of a person's export and erasure (ecotown.core.erasure)."""

from typing import Any

from seminars.models import CalendarFeedToken, Session


def export(user: Any) -> tuple[str, Any]:
    talks = Session.objects.filter(speakers=user).order_by("starts_at")
    return "seminars", {
        "sessions_spoken_at": [
            {"title": s.title, "starts_at": s.starts_at.isoformat()} for s in talks
        ],
        "personal_calendar_feed": CalendarFeedToken.objects.filter(user=user).exists(),
    }


def erase(user: Any, words: list[str]) -> None:
    # Sessions keep their speaker, who reads as the alias; the personal feed's link goes.
    CalendarFeedToken.objects.filter(user=user).delete()

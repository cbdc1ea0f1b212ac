"""The seminars' part of a person's export and erasure (ecotown.core.erasure)."""

from typing import Any

from seminars.models import Attendance, CalendarFeedToken, Session


def export(user: Any) -> tuple[str, Any]:
    talks = Session.objects.filter(speakers=user).order_by("starts_at")
    return "seminars", {
        "sessions_spoken_at": [
            {"title": s.title, "starts_at": s.starts_at.isoformat()} for s in talks
        ],
        "personal_calendar_feed": CalendarFeedToken.objects.filter(user=user).exists(),
        "attendance": [
            {"session": a.session.title, "how": a.method, "at": a.at.isoformat()}
            for a in Attendance.objects.filter(trainee=user).select_related("session")
        ],
    }


def erase(user: Any, words: list[str]) -> None:
    # Sessions keep their speaker, and attendance its trainee, who reads as the alias (the
    # seminar's record of who took part); the personal feed's link goes.
    CalendarFeedToken.objects.filter(user=user).delete()

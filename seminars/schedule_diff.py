"""A timetable frozen as data, and what changed between two of them (as pretalx lists a new
schedule's changes): sessions added, removed, moved in time, moved to another place, or given
other speakers. Pure functions: no database, so the change list is easy to test by hand."""

from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecotown.core.dates import format_when
from seminars.models import Session

ADDED, REMOVED, MOVED, PLACE, SPEAKERS = "added", "removed", "moved", "place", "speakers"
CHANGE_KINDS = {
    ADDED: _("Added"),
    REMOVED: _("Removed"),
    MOVED: _("Moved"),
    PLACE: _("Place changed"),
    SPEAKERS: _("Speakers changed"),
}

Snapshot = dict[str, dict[str, Any]]


def snapshot_of(sessions: Iterable[Session]) -> Snapshot:
    """The published facts of each session, keyed by its stable UID. Speakers are stored by
    name as well, so that the change list reads the same after someone leaves the portal."""
    return {
        str(session.uid): {
            "id": session.pk,
            "title": session.title,
            "track": session.track,
            "starts_at": session.starts_at.isoformat(),
            "ends_at": session.ends_at.isoformat(),
            "place": session.place.name if session.place else "",
            "speakers": sorted(str(speaker) for speaker in session.speakers.all()),
        }
        for session in sessions
    }


def _change(kind: str, uid: str, row: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "uid": uid, "title": row["title"], "id": row.get("id"), **extra}


def changes_between(old: Snapshot, new: Snapshot) -> list[dict[str, Any]]:
    """Every change from `old` to `new`, in the new timetable's order (removed ones last). One
    session may have several: moved and to another place are two entries."""
    found: list[dict[str, Any]] = []
    for uid, row in sorted(new.items(), key=lambda item: (item[1]["starts_at"], item[1]["id"])):
        before = old.get(uid)
        if before is None:
            found.append(_change(ADDED, uid, row, starts_at=row["starts_at"], place=row["place"]))
            continue
        if (before["starts_at"], before["ends_at"]) != (row["starts_at"], row["ends_at"]):
            found.append(
                _change(
                    MOVED,
                    uid,
                    row,
                    old_starts_at=before["starts_at"],
                    old_ends_at=before["ends_at"],
                    starts_at=row["starts_at"],
                    ends_at=row["ends_at"],
                )
            )
        if before["place"] != row["place"]:
            found.append(_change(PLACE, uid, row, old_place=before["place"], place=row["place"]))
        if before["speakers"] != row["speakers"]:
            found.append(
                _change(
                    SPEAKERS, uid, row, old_speakers=before["speakers"], speakers=row["speakers"]
                )
            )
    for uid, row in sorted(old.items(), key=lambda item: (item[1]["starts_at"], item[1]["id"])):
        if uid not in new:
            found.append(_change(REMOVED, uid, row, starts_at=row["starts_at"]))
    return found


def _when(iso: str, zone: tzinfo) -> str:
    moment = datetime.fromisoformat(iso).astimezone(zone)
    return format_when(moment, "weekday_time")


def describe(change: dict[str, Any], zone: tzinfo) -> str:
    """One change as a sentence, times on the seminar's clock (`zone`): the page and the e-mail
    say the same thing."""
    kind, values = change["kind"], {"title": change["title"]}
    if kind == ADDED:
        values["when"] = _when(change["starts_at"], zone)
        return gettext("“%(title)s” added: %(when)s") % values + (
            f", {change['place']}" if change.get("place") else ""
        )
    if kind == REMOVED:
        values["when"] = _when(change["starts_at"], zone)
        return gettext("“%(title)s” removed (was %(when)s)") % values
    if kind == MOVED:
        values["old"] = _when(change["old_starts_at"], zone)
        values["new"] = _when(change["starts_at"], zone)
        values["end"] = f"{datetime.fromisoformat(change['ends_at']).astimezone(zone):%H:%M}"
        return gettext("“%(title)s” moved from %(old)s to %(new)s–%(end)s") % values
    if kind == PLACE:
        values["old"] = change["old_place"] or "—"
        values["new"] = change["place"] or "—"
        return gettext("“%(title)s” now at %(new)s (was %(old)s)") % values
    values["old"] = ", ".join(change["old_speakers"]) or "—"
    values["new"] = ", ".join(change["speakers"]) or "—"
    return gettext("“%(title)s”: speakers now %(new)s (were %(old)s)") % values

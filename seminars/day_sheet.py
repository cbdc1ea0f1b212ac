"""The printable day sheet: one seminar day's sessions, with where and when to meet for the site
visits. Rendered at once through ecotown.core.pdf (one page or two: a Celery round trip would
only make people wait on the morning they print it)."""

from datetime import date, datetime, time, timedelta

from django.template.loader import render_to_string
from django.utils import timezone, translation

from ecotown.core.pdf import render_pdf
from seminars.models import Seminar
from seminars.selectors import timetable_of


def day_sheet_context(seminar: Seminar, day: date) -> dict:
    zone = seminar.zone
    start = timezone.make_aware(datetime.combine(day, time(0, 0)), zone)
    sessions = list(
        timetable_of(seminar).filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
    )
    return {
        "seminar": seminar,
        "day": day,
        "number": (day - seminar.start_date).days + 1,
        "sessions": sessions,
        "language": translation.get_language() or "en",
    }


def render_day_sheet(seminar: Seminar, day: date) -> bytes:
    """The PDF bytes of the day sheet; times on the seminar's clock (it is printed there)."""
    with timezone.override(seminar.zone):
        html = render_to_string("seminars/pdf/day_sheet.html", day_sheet_context(seminar, day))
    return render_pdf(html).content

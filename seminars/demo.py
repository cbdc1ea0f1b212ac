"""Demo seminars: this year's, in session, and last year's, closed."""

from datetime import timedelta

from django.utils import timezone

from ecotown.core.demo import DemoContext
from seminars.models import Seminar

CURRENT_TITLE = "Eco-Town Seminar {year}: Green Industry and the Kitakyushu Model"


def current_seminar_title(copy: int) -> str:
    year = timezone.localdate().year
    title = CURRENT_TITLE.format(year=year)
    return title if copy == 0 else f"{title} (cohort {copy + 1})"


def seed(ctx: DemoContext) -> None:
    today = timezone.localdate()
    for copy in range(ctx.scale):
        start = today - timedelta(days=2)
        current, _ = Seminar.objects.get_or_create(
            title=current_seminar_title(copy),
            year=today.year,
            defaults={
                "start_date": start,
                "end_date": start + timedelta(days=11),
                "status": Seminar.Status.IN_SESSION,
                "plan_deadline": timezone.now() + timedelta(days=45),
                "description": (
                    "Two weeks in Kitakyushu on the legal, policy-development and financing sides "
                    "of an eco-town, with site visits to the Kitakyushu Eco-Town at Hibikinada. "
                    "Each participant leaves with a planning document for a pilot eco-town project."
                ),
            },
        )
        ctx.seminars[copy] = current
    last_start = today.replace(year=today.year - 1, month=11, day=10)
    Seminar.objects.get_or_create(
        title=CURRENT_TITLE.format(year=today.year - 1),
        year=today.year - 1,
        defaults={
            "start_date": last_start,
            "end_date": last_start + timedelta(days=11),
            "status": Seminar.Status.CLOSED,
            "description": "Last year's seminar.",
        },
    )

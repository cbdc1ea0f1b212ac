from django.apps import AppConfig
from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _


class TraineesConfig(AppConfig):
    name = "trainees"
    verbose_name = _("Trainees and experts")

    def ready(self) -> None:
        from ecotown.core.erasure import ERASERS, PERSONAL_DATA
        from trainees import personal_data

        PERSONAL_DATA.add(personal_data.export)
        ERASERS.add(personal_data.erase)

        from ecotown.core.privacy import RETENTION_RULES
        from trainees.travel import travel_retention

        RETENTION_RULES.add(travel_retention)

        from seminars import hooks as seminar_hooks
        from seminars.selectors import count_of
        from trainees.models import Enrolment

        @seminar_hooks.seats_taken.register
        def seats_taken():
            holding = Enrolment.objects.filter(
                seminar=OuterRef("pk"), status__in=Enrolment.SEAT_HOLDING
            )
            return count_of(holding)

        statuses_of = {
            seminar_hooks.ATTENDING: Enrolment.ATTENDING,
            seminar_hooks.SEAT_HOLDING: Enrolment.SEAT_HOLDING,
        }

        @seminar_hooks.trainees_of.register
        def trainees_of(seminar, *, who):
            from django.contrib.auth import get_user_model

            enrolled = Enrolment.objects.filter(seminar=seminar, status__in=statuses_of[who])
            return get_user_model().objects.filter(pk__in=enrolled.values("trainee_id"))

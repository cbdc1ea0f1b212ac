from datetime import UTC, date, datetime

import factory

from seminars.models import Place, Seminar, Session, Track
from seminars.schedule_models import place_key


def place_named(name: str, **fields) -> Place:
    """The place of that name (compared as people mean it), made if it is not there yet."""
    for place in Place.objects.all():
        if place_key(place.name) == place_key(name):
            return place
    return Place.objects.create(name=" ".join(name.split()), **fields)


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Room {n + 100}")


class SeminarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seminar

    title = factory.Sequence(lambda n: f"Eco-Town Seminar {n}")
    year = 2026
    start_date = date(2026, 11, 2)
    end_date = date(2026, 11, 13)
    status = Seminar.Status.NOMINATIONS_OPEN


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    seminar = factory.SubFactory(SeminarFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    track = Track.POLICY
    starts_at = datetime(2026, 11, 2, 0, 30, tzinfo=UTC)  # 09:30 in Kitakyushu
    ends_at = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
    place = "International Conference Room"  # a name is turned into that Place

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("place"), str):
            kwargs["place"] = place_named(kwargs["place"])
        return kwargs

    @factory.post_generation
    def speakers(self, create, extracted, **kwargs):
        """`SessionFactory(speakers=[expert, ...])` books those experts."""
        if create and extracted:
            self.speakers.set(extracted)

import factory
from django.contrib.auth.models import Group

from ecotown.core import roles
from ecotown.core.models import User

PASSWORD = "correct-horse-battery-staple"


def with_role(default: str | None) -> factory.PostGeneration:
    """`UserFactory(role="expert")` or a subclass's default role puts the user in that group."""

    def add_group(user, create, extracted, **kwargs):
        name = extracted or default
        if create and name:
            user.groups.add(Group.objects.get_or_create(name=name)[0])

    return factory.PostGeneration(add_group)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n:03d}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)
    time_zone = "Asia/Tokyo"

    role = with_role(None)


class CoordinatorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"coordinator{n:03d}")
    role = with_role(roles.COORDINATOR)


class ExpertFactory(UserFactory):
    username = factory.Sequence(lambda n: f"expert{n:03d}")
    role = with_role(roles.EXPERT)


class TraineeFactory(UserFactory):
    username = factory.Sequence(lambda n: f"trainee{n:03d}")
    role = with_role(roles.TRAINEE)


class AdminFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n:03d}")
    is_staff = True
    is_superuser = True

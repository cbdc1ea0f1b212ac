import pytest
from django.core.management import CommandError, call_command

from ecotown.core import roles
from ecotown.core.models import User
from tests.unchanged import nothing_changes, project_models

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_every_demo_account_with_its_role(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.get(username="admin").is_superuser
    assert roles.role_of(User.objects.get(username="unido")) == roles.COORDINATOR
    for name in ("expert", "expert2", "expert3"):
        assert roles.role_of(User.objects.get(username=name)) == roles.EXPERT
    trainees = User.objects.filter(groups__name=roles.TRAINEE)
    # This year's trainees, and the alumni of the two earlier years' pilots (pilots/demo_past.py).
    assert sorted(trainees.values_list("username", flat=True)) == [
        *(f"alumnus{n:02d}" for n in range(1, 11)),
        *(f"trainee{n:02d}" for n in range(1, 15)),
    ]
    assert User.objects.get(username="trainee04").get_full_name() == "王芳"  # family name first
    assert str(User.objects.get(username="expert2")) == "中村 裕子"
    assert str(User.objects.get(username="trainee01")) == "Thị Lan Nguyễn"
    assert User.objects.get(username="trainee01").check_password("ecotown-demo")


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    count = User.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.count() == count


def test_seed_demo_scale_multiplies_the_people(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--scale", "3", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # The earlier years' nine alumni are seeded once: the portfolio spans years, not cohorts.
    assert User.objects.filter(groups__name=roles.TRAINEE).count() == 14 * 3 + 10


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    refused = pytest.raises(CommandError, match="DEBUG is off")
    with nothing_changes(*project_models()), refused:
        call_command("seed_demo")
    assert not User.objects.exists()

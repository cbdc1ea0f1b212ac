from importlib import import_module

import pytest
from django.apps import apps

from tests.factories.core import (
    AdminFactory,
    CoordinatorFactory,
    ExpertFactory,
    TraineeFactory,
    UserFactory,
)

pytest_plugins = ["tests.worker", "tests.browser"]


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    # Tests hash many passwords; the real hasher is exercised by the login tests through Django.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# Rows that data migrations create. Transactional tests flush every table afterwards, so each
# transactional test puts them back first (serialized_rollback clashes with the content types
# that a flush recreates, so it is not used).
REFERENCE_DATA_MIGRATIONS = [
    ("ecotown.core.migrations.0002_role_groups", "create_groups"),
    ("planning_docs.migrations.0003_default_eco_town_template", "create_template"),
]


@pytest.fixture(autouse=True)
def _reference_rows(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        for module, function in REFERENCE_DATA_MIGRATIONS:
            getattr(import_module(module), function)(apps, None)


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory()


@pytest.fixture
def expert(db):
    return ExpertFactory()


@pytest.fixture
def trainee(db):
    return TraineeFactory()


@pytest.fixture
def admin_user(db):
    return AdminFactory()


@pytest.fixture
def no_role_user(db):
    return UserFactory()

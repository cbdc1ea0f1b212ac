import pytest

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

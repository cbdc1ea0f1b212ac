import pytest

from ecotown.celery import app as celery_app
from ecotown.core.reference import restore_reference_rows
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
    # Whatever DEBUG says: the two-factor tests ask for it themselves (tests/core/test_mfa.py).
    settings.MFA_REQUIRED_ROLES = []
    # Likewise the privacy notice: tests/core/test_privacy.py sets a version to accept.
    settings.PRIVACY_NOTICE_VERSION = ""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    # Throttles count in the cache: one test's requests must not use up the next one's.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _english_first():
    # A request in another language leaves that language active in the thread: every test
    # starts in the portal's default, whatever ran before it.
    from django.utils import translation

    translation.activate(settings_language())
    yield
    translation.activate(settings_language())


def settings_language() -> str:
    from django.conf import settings

    return settings.LANGUAGE_CODE


@pytest.fixture(autouse=True)
def _reference_rows(request):
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server")
    )
    if transactional:
        # Transactional tests flush every table afterwards: put the migrations' rows back.
        request.getfixturevalue("transactional_db")
        restore_reference_rows()
    yield
    if transactional:
        # Imported here: tests.worker is a plugin (below), loaded once pytest rewrites it.
        from tests.worker import settle_session_worker

        settle_session_worker()  # before the flush that follows


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


@pytest.fixture
def eager_tasks():
    """Run queued tasks in-process, so that e-mails land in the test outbox on commit."""
    saved = {
        key: celery_app.conf.get(key) for key in ("task_always_eager", "task_eager_propagates")
    }
    celery_app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield
    celery_app.conf.update(saved)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """`with on_commit(execute=True):` runs what the block queued for after commit."""
    return django_capture_on_commit_callbacks

import hashlib
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import api_token_create
from ecotown.core.roles import COORDINATOR
from planning_docs.models import PdfRender
from tests.factories.core import AdminFactory, UserFactory
from tests.factories.planning_docs import add_coauthor, make_plan, submitted_version
from tests.factories.seminars import SessionFactory

ROLES = (
    "anon",
    "owner",
    "coauthor",  # the owner's colleague, writing the world's plan with them
    "other_trainee",
    "expert",
    "other_expert",
    "coordinator",
    "admin",
)
PDF_BYTES = b"%PDF-1.7\n% a stand-in document for the API tests\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The throttle counts in the cache: every test starts with none spent.
    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    users: dict
    plan: object
    version: object
    seminar: object
    render: object
    keys: dict = field(default_factory=dict)

    def client(self, role: str, *, scope: str = ApiToken.Scope.WRITE) -> APIClient:
        """A client carrying a fresh token of `role`'s user (none for "anon")."""
        client = APIClient()
        if role != "anon":
            _token, key = api_token_create(user=self.users[role], name=role, scope=scope)
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        return client


@pytest.fixture
def world(db, settings, tmp_path):
    """One submitted plan (its trainee, its lead expert) with a session and a ready PDF, and a
    second plan in another seminar whose trainee and expert are strangers to the first."""
    settings.MEDIA_ROOT = tmp_path
    version = submitted_version()
    plan = version.plan
    other_version = submitted_version()
    users = {
        "owner": plan.enrolment.trainee,
        "other_trainee": other_version.plan.enrolment.trainee,
        "expert": plan.assignments.get().expert,
        "other_expert": other_version.plan.assignments.get().expert,
        "coordinator": UserFactory(role=COORDINATOR),
        "admin": AdminFactory(),
        "coauthor": add_coauthor(plan),
    }
    SessionFactory(seminar=plan.enrolment.seminar, speakers=[users["expert"]])
    render = ready_render(plan, version)
    return World(
        users=users,
        plan=plan,
        version=version,
        seminar=plan.enrolment.seminar,
        render=render,
    )


def ready_render(plan, version) -> PdfRender:
    render = PdfRender(
        kind=PdfRender.Kind.DRAFT,
        plan=plan,
        version=version,
        content_hash=hashlib.sha256(f"plan-{plan.pk}".encode()).hexdigest(),
        status=PdfRender.Status.READY,
        sha256=hashlib.sha256(PDF_BYTES).hexdigest(),
        size=len(PDF_BYTES),
        pages=1,
    )
    render.file.save("plan.pdf", ContentFile(PDF_BYTES), save=False)
    render.save()
    return render


@pytest.fixture
def draft_plan(db):
    """A plan still in draft: its trainee may write."""
    return make_plan()

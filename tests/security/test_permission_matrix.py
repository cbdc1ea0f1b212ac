"""Every route of the portal, for every kind of visitor: the expected answer, declared once.

The walker fails when a URL pattern has no row here, so a new page cannot slip through
unguarded. Strangers get 404 wherever an answer would reveal that an object exists.
"""

from contextlib import nullcontext
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ecotown.core.roles import COORDINATOR
from pilots.services.programme import programme_report_request
from planning_docs.pdf.services import pdf_request_draft_render
from reviews.models import Suggestion
from reviews.services import comment_create
from seminars.models import Track
from tests.factories.core import AdminFactory, UserFactory
from tests.factories.planning_docs import add_coauthor, submitted_version
from tests.factories.seminars import SessionFactory
from tests.factories.trainees import TraineeProfileFactory
from tests.pilots.world import draft_photo, open_check_in, pilot, report, report_photo
from tests.unchanged import nothing_changes, project_models
from trainees.travel import TRAVEL_FIELDS

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
LOGIN = "login"  # anonymous visitors are sent to the login page
# Answers that refuse the request: whatever the method, nothing may change.
REFUSALS = {400, 403, 404, 405, 409, LOGIN}


@dataclass
class World:
    users: dict
    plan: object
    version: object
    seminar: object
    other: dict = field(default_factory=dict)


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    version = submitted_version(attachments=True)
    plan = version.plan
    owner = plan.enrolment.trainee
    other_version = submitted_version()
    users = {
        "owner": owner,
        "other_trainee": other_version.plan.enrolment.trainee,
        "expert": plan.assignments.get().expert,
        "other_expert": other_version.plan.assignments.get().expert,
        "coordinator": UserFactory(role=COORDINATOR),
        "admin": AdminFactory(),
        "coauthor": add_coauthor(plan, contributed=True),
    }
    TraineeProfileFactory(user=owner)
    SessionFactory(seminar=plan.enrolment.seminar)
    comment_create(plan=plan, author=users["expert"], section_key="risks", body="Internal note")
    Suggestion.objects.create(
        plan=plan, section_key="risks", author=users["expert"], quote="x", replacement="y"
    )
    pdf_request_draft_render(plan=plan, actor=owner)  # stays queued: no commit, no worker
    world = World(users=users, plan=plan, version=version, seminar=plan.enrolment.seminar)
    seminar_week(world)
    return world


def seminar_week(w):
    """Slides on the world's session, the owner's travel with a visa letter (queued: no worker),
    and an announcement waiting in the outbox."""
    from datetime import UTC, datetime

    from ecotown.core.demo_files import text_pdf
    from notifications.announcements import announcement_write
    from seminars.materials import material_add
    from trainees.travel import travel_save, visa_letter_request

    coordinator, enrolment = w.users["coordinator"], w.plan.enrolment
    material_add(
        session=w.seminar.sessions.get(),
        content=text_pdf(["Slides"]),
        name="slides.pdf",
        declared_type="application/pdf",
        title="Slides",
        kind="slides",
        actor=coordinator,
    )
    travel = dict.fromkeys(TRAVEL_FIELDS, "") | {
        "arrival_at": datetime(2026, 11, 1, 5, 0, tzinfo=UTC),
        "departure_at": None,
        "passport_expiry": None,
        "passport_nationality": "KE",
    }
    travel_save(enrolment=enrolment, data=travel, actor=w.users["owner"])
    visa_letter_request(enrolment=enrolment, actor=coordinator)
    announcement_write(
        seminar_id=w.seminar.pk, audience="trainees", subject="S", body="B", actor=coordinator
    )


def everyone(status):
    return dict.fromkeys(ROLES[1:], status) | {"anon": LOGIN}


def on_the_plan(status, outsiders=404):
    """Those who may see the world's plan (and its seminar) get `status`; others `outsiders`."""
    return everyone(status) | {"other_trainee": outsiders, "other_expert": outsiders}


def writers(status):
    """The trainee and their co-author, where they get the same answer."""
    return {"owner": status, "coauthor": status}


def seminar_page(status, outsiders=404):
    """A page of the world's seminar: its co-author writes the plan but is no participant."""
    return on_the_plan(status, outsiders) | {"coauthor": 404}


def coordinators_only(status, viewers=403, outsiders=404):
    """Coordinators act; the plan's trainee and expert see but may not act; others get 404."""
    return on_the_plan(viewers, outsiders) | {"coordinator": status, "admin": status}


def seminar(w):
    return {"pk": w.seminar.pk}


def plan_id(w):
    return {"plan_id": w.plan.pk}


def plan(w):
    return {"pk": w.plan.pk}


def section(w):
    return {"pk": w.plan.pk, "key": "financing-plan"}


def version(w):
    return {"pk": w.plan.pk, "number": w.version.number}


def figure(w):
    return {"pk": w.plan.pk, "figure_id": w.plan.figures.get().pk}


def version_figure(w):
    return version(w) | {"figure_id": w.plan.figures.get().pk}


def annex(w):
    return {"pk": w.plan.pk, "annex_id": w.plan.annexes.get().pk}


def version_annex(w):
    return version(w) | {"annex_id": w.plan.annexes.get().pk}


def template(w):
    return {"pk": w.plan.template.pk}


def template_section(w):
    return {"pk": w.plan.template.pk, "section_pk": w.plan.template.sections.first().pk}


def render(w):
    return {"render_id": w.plan.pdf_renders.get().pk}


def programme_report(w):
    if "programme_report" not in w.other:
        w.other["programme_report"] = programme_report_request(
            year=w.seminar.year, actor=w.users["coordinator"]
        )
    return {"pk": w.other["programme_report"].pk}


def comment(w):
    return {"pk": w.plan.comments.get().pk}


def suggestion(w):
    return {"pk": w.plan.suggestions.get().pk, "answer": "reject"}


def coauthor(w):
    return {"pk": w.plan.pk, "coauthor_pk": w.plan.coauthors.get().pk}


def owner(w):
    return {"pk": w.users["owner"].pk}


def session(w):
    return {"pk": w.seminar.pk, "session_pk": w.seminar.sessions.get().pk}


def site_visit(w):
    visit = SessionFactory(
        seminar=w.seminar, track=Track.SITE_VISIT, place=None, title="Site visit: Hibikinada"
    )
    return {"pk": w.seminar.pk, "session_pk": visit.pk}


def place(w):
    return {"pk": w.seminar.sessions.get().place_id}


def places_page(status):
    """The list of places: coordinators keep it; nobody else may, whatever they see."""
    return everyone(403) | {"coordinator": status, "admin": status}


def material(w):
    return {"pk": w.seminar.pk, "material_pk": w.seminar.sessions.get().materials.get().pk}


def enrolment(w):
    return {"pk": w.plan.enrolment.pk}


def seminar_staff(status):
    """Coordinators act on the world's seminar; its trainee and expert see it but may not act."""
    return coordinators_only(status) | {"coauthor": 404}


# name -> (method, kwargs from the world, expected answer per role)
MATRIX = {
    "core:dashboard": ("get", lambda w: {}, everyone(200)),
    "core:audit": ("get", lambda w: {}, everyone(403) | {"coordinator": 200, "admin": 200}),
    "core:healthz": ("get", lambda w: {}, dict.fromkeys(ROLES, 200)),
    "account-settings": ("get", lambda w: {}, everyone(200)),
    # Open to all, signed in or not; an empty POST names no language (tests/core/test_languages.py).
    "language-choose": ("post", lambda w: {}, dict.fromkeys(ROLES, 400)),
    "api_tokens:list": ("get", lambda w: {}, everyone(200)),
    # Nobody's token: 404 for all (tests/api/test_tokens.py revokes real ones).
    "api_tokens:revoke": ("post", lambda w: {"pk": 999999}, everyone(404)),
    # A broken link: back to one's settings with the reason.
    "email-confirm": ("get", lambda w: {"token": "not-a-token"}, everyone(302)),
    # Single sign-on is off unless configured (tests/sso/ walk it against a real provider).
    # Anyone reads the notice (the matrix's people have nothing to accept: no version is set).
    "privacy-notice": ("get", lambda w: {}, dict.fromkeys(ROLES, 200)),
    "mfa-setup": ("get", lambda w: {}, everyone(200)),
    # Nobody in the world has a device: the page sends each back to where they were going.
    "mfa-verify": ("get", lambda w: {}, everyone(302)),
    "oidc-authenticate": ("get", lambda w: {}, dict.fromkeys(ROLES, 404)),
    "oidc-callback": ("get", lambda w: {}, dict.fromkeys(ROLES, 404)),
    "notifications:list": ("get", lambda w: {}, everyone(200)),
    "notifications:read-all": ("post", lambda w: {}, everyone(302)),
    "notifications:open": ("get", lambda w: {"pk": 999999}, everyone(404)),
    "seminars:seminar-list": ("get", lambda w: {}, everyone(200)),
    "seminars:seminar-create": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "seminars:seminar-detail": ("get", seminar, seminar_page(200)),
    "seminars:seminar-calendar": ("get", seminar, seminar_page(200)),
    "seminars:seminar-edit": ("get", seminar, coordinators_only(200) | {"coauthor": 404}),
    "seminars:seminar-move": ("post", seminar, coordinators_only(400) | {"coauthor": 404}),
    "seminars:seminar-copy": ("get", seminar, coordinators_only(200) | {"coauthor": 404}),
    "seminars:session-add": ("get", seminar, coordinators_only(200) | {"coauthor": 404}),
    "seminars:session-edit": ("get", session, coordinators_only(200) | {"coauthor": 404}),
    "seminars:session-remove": ("get", session, coordinators_only(200) | {"coauthor": 404}),
    "seminars:session-move": ("get", session, coordinators_only(200) | {"coauthor": 404}),
    "seminars:site-visit-edit": ("get", site_visit, coordinators_only(200) | {"coauthor": 404}),
    "seminars:schedule-versions": ("get", seminar, seminar_page(200)),
    # Publishing announces the timetable: coordinators only; participants read the versions.
    "seminars:schedule-publish": ("post", seminar, coordinators_only(302) | {"coauthor": 404}),
    "seminars:day-sheet": (
        "get",
        lambda w: seminar(w) | {"day": w.seminar.start_date.isoformat()},
        seminar_page(200),
    ),
    "seminars:place-list": ("get", lambda w: {}, places_page(200)),
    "seminars:place-add": ("get", lambda w: {}, places_page(200)),
    "seminars:place-edit": ("get", place, places_page(200)),
    "seminars:place-remove": ("get", place, places_page(200)),
    "seminars:time-preference": ("post", lambda w: {}, everyone(302)),
    "seminars:feed-reset": ("post", lambda w: {}, everyone(302)),
    "seminars:personal-feed": (
        "get",
        lambda w: {"token": "not-a-token"},
        dict.fromkeys(ROLES, 404),
    ),
    # The seminar week: its participants (the trainee with a seat, its experts, coordinators)
    # read the materials; coordinators (and a session's speakers) attach files, show the room's
    # code and take the roll call.
    "seminars:seminar-week": ("get", seminar, seminar_page(200)),
    "seminars:session-materials": ("get", session, seminar_page(200)),
    "seminars:material-file": ("get", material, seminar_page(200)),
    "seminars:materials-zip": ("get", lambda w: seminar(w) | {"week": 1}, seminar_page(200)),
    "seminars:material-remove": ("post", material, seminar_staff(302)),
    "seminars:session-code": ("get", session, seminar_staff(200)),
    "seminars:roll-call": ("get", session, seminar_staff(200)),
    # Trainees with a seat check in (both trainees of the world hold one); nobody else.
    "seminars:check-in": (
        "get",
        lambda w: {},
        everyone(403) | {"owner": 200, "other_trainee": 200},
    ),
    # Travel: the trainee and coordinators alone; the plan's experts and co-author never.
    "trainees:travel": (
        "get",
        enrolment,
        everyone(404) | {"owner": 200, "coordinator": 200, "admin": 200},
    ),
    "trainees:visa-letter-create": (
        "post",
        enrolment,
        everyone(404) | {"owner": 403, "coordinator": 302, "admin": 302},
    ),
    # Not rendered yet (no worker here): its status page.
    "trainees:visa-letter": (
        "get",
        lambda w: {"pk": w.plan.enrolment.visa_letters.get().pk},
        everyone(404) | {"owner": 200, "coordinator": 200, "admin": 200},
    ),
    "trainees:arrivals": ("get", seminar, coordinators_only(200, 403, 403)),
    "notifications:announcements": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "notifications:announcement-create": (
        "get",
        lambda w: {},
        coordinators_only(200, 403, 403),
    ),
    "notifications:announcement-act": (
        "post",
        lambda w: {"pk": w.seminar.announcements.get().pk, "action": "withdraw"},
        coordinators_only(302, 403, 403),
    ),
    "trainees:roster": (
        "get",
        lambda w: {},
        everyone(403) | {"coordinator": 200, "admin": 200},
    ),
    "planning_docs:plan-list": ("get", lambda w: {}, everyone(200)),
    "planning_docs:plan-detail": ("get", plan, on_the_plan(200)),
    "planning_docs:plan-edit": ("get", plan, on_the_plan(403)),
    "planning_docs:plan-assign": ("get", plan, coordinators_only(200)),
    # The trainee alone chooses co-authors (the operator's account does not act as a trainee).
    "planning_docs:coauthor-list": ("get", plan, on_the_plan(403) | {"owner": 200}),
    # The world's co-author has joined: no invitation of theirs is left to resend.
    "planning_docs:coauthor-resend": ("post", coauthor, on_the_plan(403) | {"owner": 409}),
    "planning_docs:coauthor-remove": ("post", coauthor, on_the_plan(403) | {"owner": 302}),
    # A made-up link: refused to everyone, signed in or not.
    "planning_docs:coauthor-accept": (
        "get",
        lambda w: {"token": "not-a-token"},
        dict.fromkeys(ROLES, 404),
    ),
    "planning_docs:section-edit": ("get", section, on_the_plan(200)),
    "planning_docs:plan-submit": ("post", plan, on_the_plan(403)),
    "planning_docs:version-list": ("get", plan, on_the_plan(200)),
    "planning_docs:version-detail": ("get", version, on_the_plan(200)),
    "planning_docs:version-diff": ("get", plan, on_the_plan(200)),
    # The archive (released comments, decisions, PDFs) is the trainee's own.
    "planning_docs:plan-export": (
        "get",
        plan,
        on_the_plan(200) | {"expert": 403, "coauthor": 403},
    ),
    # Figures and annexes: whoever reads the plan reads them (files through the checked views,
    # strangers 404); the world's plan is submitted, so nobody may change them now (uploads by
    # each role on an editable plan: tests/planning_docs/test_attachment_permissions.py).
    "planning_docs:figure-list": ("get", plan, on_the_plan(200)),
    "planning_docs:figure-edit": ("get", figure, on_the_plan(403)),
    "planning_docs:figure-image": ("get", figure, on_the_plan(200)),
    "planning_docs:version-figure": ("get", version_figure, on_the_plan(200)),
    "planning_docs:annex-list": ("get", plan, on_the_plan(200)),
    "planning_docs:annex-file": ("get", annex, on_the_plan(200)),
    "planning_docs:version-annex": ("get", version_annex, on_the_plan(200)),
    "planning_docs:figure-remove": (
        "post",
        lambda w: {"pk": w.plan.pk, "item_id": w.plan.figures.get().pk},
        on_the_plan(403),
    ),
    "planning_docs:annex-remove": (
        "post",
        lambda w: {"pk": w.plan.pk, "item_id": w.plan.annexes.get().pk},
        on_the_plan(403),
    ),
    "planning_docs:template-list": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "planning_docs:template-create": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "planning_docs:template-detail": ("get", template, coordinators_only(200, 403, 403)),
    "planning_docs:template-edit": ("get", template, coordinators_only(200, 403, 403)),
    # POST-only actions: a GET is refused with 405 once the permission is known to hold.
    "planning_docs:template-copy": ("get", template, coordinators_only(405, 403, 403)),
    "planning_docs:template-section-create": ("get", template, coordinators_only(200, 403, 403)),
    "planning_docs:template-section-edit": (
        "get",
        template_section,
        coordinators_only(200, 403, 403),
    ),
    "planning_docs:template-section-delete": (
        "get",
        template_section,
        coordinators_only(405, 403, 403),
    ),
    "reviews:review": ("get", plan, on_the_plan(200) | writers(403)),
    "reviews:decide": ("post", plan, on_the_plan(400) | writers(403)),
    "reviews:reopen": ("post", plan, coordinators_only(302)),
    "reviews:release-all": ("post", plan, on_the_plan(302) | writers(403)),
    # Only the plan's experts score (a coordinator reads the scores but gives none).
    "reviews:score": ("post", plan, on_the_plan(403) | {"expert": 400}),
    # An empty form: experts and coordinators are sent back with the reason.
    "reviews:suggestion-create": ("post", plan, on_the_plan(302) | writers(403)),
    # The world's plan is submitted: its trainee answers suggestions only while editing.
    "reviews:suggestion-answer": ("post", suggestion, on_the_plan(403)),
    "reviews:comment-create": ("post", plan, on_the_plan(302) | writers(403)),
    # The world's comment is internal: the trainee must not learn that it exists.
    "reviews:comment-release": ("get", comment, on_the_plan(200) | writers(404)),
    "reviews:comment-reply": ("post", comment, on_the_plan(302) | writers(404)),
    "reviews:comment-move": (
        "post",
        lambda w: comment(w) | {"action": "accept"},  # open -> accepted is not a move: 409
        on_the_plan(409) | writers(404),
    ),
    "planning_docs_pdf:plan-pdf": ("get", plan_id, on_the_plan(200)),
    "planning_docs_pdf:plan-certificate": ("get", plan_id, on_the_plan(200)),
    "planning_docs_pdf:render-status": ("get", render, on_the_plan(200)),
    # Not ready, nothing failed: both lead back to the render's status page.
    "planning_docs_pdf:render-file": ("get", render, on_the_plan(302)),
    "planning_docs_pdf:render-retry": ("post", render, on_the_plan(302)),
    "planning_docs_pdf:seminar-compendium": (
        "get",
        lambda w: {"seminar_id": w.seminar.pk},
        coordinators_only(200, 403, 403),
    ),
    "pilots:pilot-list": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "pilots:pilot-detail": ("get", pilot, on_the_plan(200)),
    # An empty form: coordinators get it back with the reason missing.
    "pilots:status-override": ("post", pilot, coordinators_only(400)),
    # Only the trainee files the report; the others who follow the pilot may not.
    "pilots:report-edit": ("get", open_check_in, on_the_plan(403) | {"owner": 200}),
    "pilots:report-detail": ("get", report, on_the_plan(200)),
    # Those who follow the pilot comment; the plan's co-author reads its reports, no more.
    "pilots:report-comment": ("post", report, on_the_plan(400) | {"coauthor": 403}),
    # Not rendered yet (no worker here): its status page.
    "pilots:report-pdf": ("get", report, on_the_plan(200)),
    # Photos: the trainee adds and removes them until the report is submitted; its readers see
    # them through the checked view.
    "pilots:report-photos": ("get", open_check_in, on_the_plan(403) | {"owner": 200}),
    "pilots:report-photo-remove": ("post", draft_photo, on_the_plan(403) | {"owner": 302}),
    "pilots:report-photo": ("get", report_photo, on_the_plan(200)),
    # The trainee alone decides who may see the plan (a personal permission: not the admin).
    "pilots:consent": ("get", pilot, on_the_plan(403) | {"owner": 200}),
    # No action chosen: coordinators get the reason.
    "pilots:showcase-decision": ("post", pilot, coordinators_only(400)),
    # Every expert reads the library; trainees within consent; co-authors are no trainees.
    "library:library-list": ("get", lambda w: {}, everyone(200) | {"coauthor": 403}),
    # The world's plan, approved, without consent: its trainee, experts and coordinators.
    "library:library-detail": (
        "get",
        pilot,
        everyone(200) | {"other_trainee": 404, "coauthor": 404},
    ),
    "alumni:directory": ("get", lambda w: {}, everyone(200) | {"coauthor": 403}),
    # The world's seminar has ended: both trainees are alumni and may list themselves.
    "alumni:listing-edit": (
        "get",
        lambda w: {},
        everyone(403) | {"owner": 200, "other_trainee": 200},
    ),
    # The public pages: no sign-in; without consent and approval a plan is 404 to everyone.
    "showcase:public-index": ("get", lambda w: {}, dict.fromkeys(ROLES, 200)),
    "showcase:public-detail": ("get", pilot, dict.fromkeys(ROLES, 404)),
    "portfolio:portfolio": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "portfolio:export-csv": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "portfolio:export-xlsx": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "portfolio:programme-reports": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    # Queued, not rendered (no worker here): coordinators are led back to the list.
    "portfolio:programme-report-pdf": (
        "get",
        programme_report,
        coordinators_only(302, 403, 403),
    ),
    "trainees:export": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "trainees:import": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "trainees:import-confirm": ("post", lambda w: {}, coordinators_only(302, 403, 403)),
    "trainees:import-template": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "trainees:trainee-create": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "trainees:expert-list": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "trainees:expert-create": ("get", lambda w: {}, coordinators_only(200, 403, 403)),
    "trainees:enrolment-act": (
        "post",
        lambda w: {"pk": w.plan.enrolment.pk, "action": "no-such-action"},
        coordinators_only(404, 403, 404) | {"expert": 404, "coauthor": 404},
    ),
    "trainees:seats-offer": ("post", seminar, coordinators_only(302, 403, 403)),
    # The trainee answers their own offer; coordinators may look at it; nobody else knows it.
    "trainees:offer": (
        "get",
        lambda w: {"pk": w.plan.enrolment.pk},
        everyone(404) | {"owner": 200, "coordinator": 200, "admin": 200},
    ),
    "trainees:person-edit": ("get", owner, coordinators_only(200, 403, 403)),
    # A person's data on their request (tests/trainees/test_erasure.py erases for real).
    "trainees:person-export": ("get", owner, coordinators_only(200, 403, 403)),
    "trainees:person-erase": ("get", owner, coordinators_only(200, 403, 403)),
    "trainees:invite": ("post", owner, coordinators_only(302, 403, 403)),
    "trainees:nominate": ("post", owner, coordinators_only(302, 403, 403)),
    # Own contact details; without a profile yet, back to the dashboard with a message.
    "trainees:profile": (
        "get",
        lambda w: {},
        everyone(302) | {"owner": 200, "coauthor": 403, "coordinator": 403, "admin": 403},
    ),
}

# Django's own views: the auth pages everyone reaches, and the admin (staff only, its own tests).
PUBLIC_AUTH = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
# The REST API has its own matrix (tests/api/test_permission_matrix.py), walked the same way.
SKIPPED_NAMESPACES = {"admin", "api"}


def all_route_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if (pattern.namespace or "") in SKIPPED_NAMESPACES:
                continue
            yield from all_route_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"unnamed URL pattern {pattern.pattern}: name it"
            yield f"{namespace}{pattern.name}"


def test_every_route_is_in_the_matrix():
    missing = sorted(set(all_route_names()) - set(MATRIX) - PUBLIC_AUTH)
    assert missing == [], f"add these routes to MATRIX: {missing}"


def test_matrix_names_only_real_routes():
    assert sorted(set(MATRIX) - set(all_route_names())) == []


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_route_answers_each_role_as_declared(client, world, name, role):
    method, kwargs, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs(world))
    if role != "anon":
        client.force_login(world.users[role])
    want = expected[role]
    with nothing_changes(*project_models()) if want in REFUSALS else nullcontext():
        response = getattr(client, method)(url)
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == want, (name, role, response.status_code)


POST_ROUTES = sorted(name for name, (method, _, _) in MATRIX.items() if method == "post")


@pytest.mark.parametrize("name", POST_ROUTES)
def test_every_post_route_refuses_a_request_without_csrf_token(world, name):
    from django.test import Client

    _, kwargs, _ = MATRIX[name]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["coordinator"])
    url = reverse(name, kwargs=kwargs(world))  # the arguments may set up rows; the POST may not
    with nothing_changes(*project_models()):
        response = client.post(url)
    assert response.status_code == 403, (name, response.status_code)
    assert b"CSRF verification failed" in response.content, name

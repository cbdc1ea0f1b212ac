"""A complete audit trail: every public function of every service module is either logged (with
the verbs it writes) or listed here with the reason it is not, so a new service cannot slip in
unlogged; and the services that were logged last get a row each: verb, actor, object."""

import ast
import importlib
import inspect
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ecotown.core.models import AuditEvent
from tests.factories.planning_docs import make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = pytest.mark.django_db

READ = "reads or computes; writes nothing"
HELPER = "a helper of the services below, which log the act"
RECEIVER = "session bookkeeping at sign-in; nothing stored in the database"
DELIVERY = (
    "a notification is the delivery of an act that its calling service logs; sending it only "
    "stamps emailed_at (notifications/services.py says why)"
)
WORKER = "a worker's step; the render's moves it makes are logged by the helpers it calls"

# module -> {function: verbs it records (through itself or the service it calls) or a reason}
SERVICES: dict[str, dict[str, tuple[str, ...] | str]] = {
    "ecotown.core.accounts": {
        "email_in_use": READ,
        "email_change_token": READ,
        "account_email_change_request": (
            "sends a confirmation link; nothing changes until it is opened (logged then)"
        ),
        "account_email_confirm": ("email_changed",),
        "account_settings_save": ("person_changed",),
        "account_language_set": ("person_changed",),
        "account_password_save": ("password_changed", "password_set"),
    },
    "ecotown.core.erasure": {
        "when": READ,
        "alias_of": READ,
        "replace_words": READ,
        "scrub": READ,
        "scrub_rows": "a step of person_erase, which logs the erasure (without the erased data)",
        "erasing": "lets person_erase's steps write frozen rows; person_erase logs the erasure",
        "mentioning": READ,
        "is_erased": READ,
        "identifying_words": READ,
        "person_export": READ,
        "person_data_export": ("person_data_exported",),
        "person_erase": ("person_erased",),
    },
    "ecotown.core.mfa": {
        "required_for": READ,
        "has_device": READ,
        "totp_matches": READ,
        "mfa_enable": ("mfa_enabled",),
        "mfa_recovery_codes_renew": ("mfa_recovery_codes_renewed",),
        "mfa_verify": ("mfa_recovery_code_used",),  # an authenticator's code: a sign-in, no log
        "mfa_disable": ("mfa_disabled", "mfa_reset"),
        "mfa_device_delete": ("mfa_device_removed",),
        "mfa_device_save": ("mfa_device_changed",),
        "note_device_at_sign_in": RECEIVER,
    },
    "ecotown.core.privacy": {
        "current_version": READ,
        "has_accepted": READ,
        "privacy_notice_accept": ("privacy_notice_accepted",),
        "note_acceptance_at_sign_in": RECEIVER,
        "inactive_since": READ,
        "retention_close_inactive_accounts": ("retention_account_deactivated",),
        "retention_apply": "runs the retention rules, each of which logs what it closes",
    },
    "ecotown.core.sso": {
        "enabled": READ,
        "discovery": READ,
        "setting": READ,
        "email_domain": READ,
        "user_create_from_claims": ("sso_account_created",),
    },
    "notifications.services": {
        "notify": DELIVERY,
        "notify_address": DELIVERY,
        "notification_send_email": DELIVERY,
        "notifications_resend_unsent": DELIVERY,
        "digest_send": DELIVERY,
        "notifications_mark_read": (
            "a person's reading state of their own list: no one else's record changes, and "
            "read_at on the row says when"
        ),
        "notification_mark_read": "as notifications_mark_read",
    },
    "seminars.services": {
        "seminar_save": ("seminar_created", "seminar_changed"),
        "seminar_open_nominations": ("open_nominations",),
        "seminar_reopen_planning": ("reopen_planning",),
        "seminar_start": ("start",),
        "seminar_close": ("close",),
        "session_conflicts": READ,
        "lock_for_scheduling": HELPER,
        "session_create": ("session_added",),
        "session_update": ("session_changed",),
        "session_delete": ("session_removed",),
        "seminar_copy_to_year": ("copied",),
        "calendar_feed_token_reset": ("calendar_feed_reset",),
    },
    "trainees.services": {
        "offer_days": READ,
        "seats_taken": READ,
        "enrolment_nominate": ("nominate",),
        "enrolment_accept": ("accept",),
        "enrolment_waitlist": ("waitlist",),
        "enrolment_withdraw": ("withdraw",),
        "enrolment_complete": ("complete",),
        "seats_offer": ("offer",),
        "offer_accept": ("offer_accepted",),
        "offer_decline": ("offer_declined",),
        "offers_expire": ("offer_expired",),
        "username_for": READ,
        "email_taken": READ,
        "set_password_path": READ,
        "trainee_create": ("person_created", "nominate"),
        "expert_create": ("person_created",),
        "person_save": ("person_changed",),
        "profile_save": ("person_changed",),
        "invitation_resend": ("invitation_resent",),
        "trainees_import": ("person_created", "nominate"),
    },
    "planning_docs.services": {
        "default_template": READ,
        "plan_create_for_enrolment": ("plan_created",),
        "section_save": ("section_saved",),
        "plan_details_save": ("plan_details_changed",),
        "plan_submit": ("submit",),
        "template_save": ("template_created", "template_changed"),
        "template_section_save": ("template_changed",),
        "template_section_delete": ("template_changed",),
        "template_copy": ("template_created",),
        "plan_request_changes": ("changes_requested",),
        "plan_approve": ("approved",),
        "plan_reopen": ("reopened",),
        "plan_experts": READ,
        "plan_assign_experts": ("experts_assigned",),
    },
    "planning_docs.attachments": {
        "store_once": HELPER,
        "content_name": READ,
        "figure_add": ("figure_added",),
        "figure_change": ("figure_changed", "figure_replaced"),
        "annex_add": ("annex_added",),
        "attachment_remove": ("figure_removed", "annex_removed"),
    },
    "planning_docs.coauthors": {
        "coauthor_invite": ("coauthor_invited",),
        "coauthor_invitation_resend": ("coauthor_invitation_resent",),
        "coauthor_revoke": ("coauthor_invitation_revoked",),
        "coauthor_remove": ("coauthor_removed",),
        "invitation_for_token": READ,
        "coauthor_accept": ("coauthor_joined",),
    },
    "ecotown.core.outbox": {
        "task_send_on_commit": (
            "keeps a task for the broker on behalf of a service, which logs the act itself"
        ),
        "outbox_send_pending": "hands kept tasks to the broker once it is back: delivery only",
    },
    "planning_docs.pdf.services": {
        "render_priority": READ,
        "pdf_queue_final_render": ("pdf_requested",),
        "pdf_request_draft_render": ("pdf_requested", "pdf_render_superseded"),
        "pdf_request_certificate": ("pdf_requested",),
        "pdf_queue_compendium": ("pdf_requested",),
        "pdf_send_compendium_chord": "sends the tasks of a logged request to the broker",
        "pdf_render_fail": ("pdf_render_failed",),
        "pdf_render_requeue": ("pdf_render_requeued",),
        "pdf_render_run": WORKER,
        "pdf_sweep_stuck": ("pdf_render_restarted",),
        "pdf_resendable": READ,
        "pdf_retry": ("pdf_retry",),
    },
    "reviews.services.comments": {
        "plan_path": READ,
        "comment_create": ("comment_created", "comment_replied"),
        "section_titles": READ,
        "comments_by_section": READ,
        "comment_release": ("comment_released",),
        "comments_release_all": ("comment_released",),
        "comment_mark_addressed": ("comment_addressed",),
        "comment_accept": ("comment_accepted",),
        "comment_reopen": ("comment_reopened",),
    },
    "reviews.services.decisions": {
        "review_request_changes": ("changes_requested",),
        "review_approve": ("approved",),
        "review_reopen": ("reopened",),
    },
    "reviews.services.scores": {
        "scores_record": ("scores_recorded",),
        "rubric_copy": "receiver of template_copy, which logs the new template",
    },
    "reviews.services.suggestions": {
        "suggestion_applicable": READ,
        "suggestion_create": ("suggestion_made",),
        "suggestion_accept": ("suggestion_accepted", "section_saved"),
        "suggestion_reject": ("suggestion_rejected",),
    },
    "pilots.services.checkins": {
        "due_date": READ,
        "schedule_months": READ,
        "check_ins_schedule": ("check_ins_scheduled",),
        "check_in_reminders_send": ("check_in_reminded",),
    },
    "pilots.services.reports": {
        "report_or_new": READ,
        "report_save": ("report_saved", "report_submitted"),
        "report_comment_create": ("report_commented",),
        "pilot_status_override": ("pilot_status_overridden",),
    },
    "pilots.services.pdf": {
        "report_pdf_html": READ,
        "report_pdf_render": ("report_pdf_ready", "report_pdf_failed"),
    },
    "seminars.schedule_services": {
        "place_save": ("place_added", "place_changed"),
        "place_delete": ("place_removed",),
        "expected_audience": READ,
        "capacity_warning": READ,
        "session_move": ("session_changed",),
        "site_visit_save": ("session_changed",),
        "participants_of": READ,
        "schedule_publish": ("schedule_published",),
        "time_preference_set": ("person_changed",),
    },
    "seminars.attendance": {
        "check_in_code": READ,
        "normalise_code": READ,
        "check_in_window": READ,
        "is_open_for_check_in": READ,
        "attendance_check_in": ("checked_in",),
        "attendance_mark": ("attendance_marked", "attendance_unmarked"),
        "attendance_tally": READ,
    },
    "seminars.materials": {
        "content_name": READ,
        "material_add": ("material_added",),
        "material_remove": ("material_removed",),
        "week_of": READ,
        "weeks_of": READ,
        "week_bounds": READ,
        "local_day": READ,
        "materials_zip": READ,
    },
    "trainees.travel": {
        "travel_of": READ,
        "travel_save": ("travel_saved",),
        "verification_code": READ,
        "country_name": READ,
        "visa_letter_request": ("visa_letter_requested",),
        "visa_letter_html": READ,
        "visa_letter_render": ("pdf_render_ready", "pdf_render_failed"),
        "travel_deadline": READ,
        "travel_retention": ("travel_deleted",),
    },
    "notifications.announcements": {
        "announcement_write": ("announcement_written",),
        "announcement_confirm": ("announcement_confirmed",),
        "announcement_withdraw": ("announcement_cancelled",),
        "announcement_send": ("announcement_sent",),
    },
    "planning_docs.pdf.certificate": {
        "certificate_path": READ,
        "certificate_issue": ("certificate_by_exception", "pdf_requested"),
        "certificate_issue_if_earned": ("pdf_requested",),
    },
    "pilots.services.photos": {
        "report_photo_add": ("report_photo_added",),
        "report_photo_remove": ("report_photo_removed",),
    },
    "pilots.services.programme": {
        "programme_report_request": ("programme_report_requested",),
        "programme_report_render": ("programme_report_ready", "programme_report_failed"),
    },
    "pilots.showcase": {
        "consent_of": READ,
        "plan_consent_set": ("plan_consent_changed", "showcase_withdrawn"),
        "showcase_decide": ("showcase_approved", "showcase_withdrawn"),
        "showcased_plans": READ,
        "showcased_plan_or_404": READ,
    },
    "pilots.alumni": {
        "alumni_enrolments": READ,
        "is_alumnus": READ,
        "listing_of": READ,
        "alumni_listing_set": ("alumni_listing_changed",),
        "alumni_listed": READ,
    },
    "pilots.library": {
        "library_entry_index": (
            "the search index of an approved plan, rebuilt from its version: the approval that "
            "triggers it is logged"
        ),
        "library_for_user": READ,
        "may_read_in_library": READ,
        "library_search": READ,
        "library_plan_for_user_or_404": READ,
    },
    "api.services": {
        "new_key": READ,
        "api_token_create": ("api_token_created",),
        "api_token_revoke": ("api_token_revoked",),
    },
}


APPS = [
    "ecotown",
    "notifications",
    "seminars",
    "trainees",
    "planning_docs",
    "reviews",
    "pilots",
    "api",
]
# Modules that open transactions but are no services: a command and a benchmark.
NOT_SERVICES = {"ecotown.core.management.commands.seed_demo", "planning_docs.pdf.bench"}


def test_every_module_that_opens_a_transaction_is_listed():
    """A new services module (anything writing under transaction.atomic) joins SERVICES."""
    root = Path(__file__).resolve().parents[2]
    found = set()
    for app in APPS:
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts or "transaction.atomic" not in path.read_text():
                continue
            found.add(".".join(path.relative_to(root).with_suffix("").parts))
    assert found - NOT_SERVICES == set(SERVICES)


def public_functions(module_name: str) -> set[str]:
    module = importlib.import_module(module_name)
    return {
        name
        for name, value in vars(module).items()
        if inspect.isfunction(value)
        and value.__module__ == module_name
        and not name.startswith("_")
    }


def verbs_written_in(module_names) -> set[str]:
    """Every `AuditEvent.Verb.X` the modules' code names, as its value."""
    found = set()
    for name in module_names:
        tree = ast.parse(inspect.getsource(importlib.import_module(name)))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "Verb"
            ):
                found.add(AuditEvent.Verb[node.attr].value)
    return found


@pytest.mark.parametrize("module_name", sorted(SERVICES))
def test_every_service_is_logged_or_says_why_not(module_name):
    listed = SERVICES[module_name]
    assert public_functions(module_name) == set(listed), (
        "A service module's public functions changed: list each new one here, with the verbs "
        "it logs or the reason it logs nothing."
    )
    for name, verbs in listed.items():
        if isinstance(verbs, tuple):
            assert verbs and all(AuditEvent.Verb(v) for v in verbs), name


def test_every_verb_a_service_claims_is_written_by_a_service():
    claimed = {
        v
        for listed in SERVICES.values()
        for vs in listed.values()
        if isinstance(vs, tuple)
        for v in vs
    }
    assert claimed - verbs_written_in(SERVICES) == set()


def the_event(obj, verb):
    return AuditEvent.objects.get(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, verb=verb
    )


# --- The services that were logged last: one row each ---------------------------------------------


def test_a_section_save_logs_one_event_per_person_and_section_in_five_minutes(trainee):
    from planning_docs.services import section_save

    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))
    risks = plan.drafts.get(section__key="risks")
    financing = plan.drafts.get(section__key="financing-plan")
    coauthor_like = plan.assignments.get().expert  # another person saving the same section
    start = timezone.now()

    def save(draft, actor, minutes):
        draft.refresh_from_db()
        with mock.patch(
            "django.utils.timezone.now", return_value=start + timedelta(minutes=minutes)
        ):
            section_save(draft=draft, body=f"At {minutes}", revision=draft.revision, actor=actor)

    for minutes in (0, 1, 2, 4):  # one burst of autosaves
        save(risks, trainee, minutes)
    save(financing, trainee, 4)  # another section
    save(risks, coauthor_like, 4)  # another person (the service does not check who may write)
    save(risks, trainee, 10)  # the next burst
    events = AuditEvent.objects.filter(verb="section_saved").order_by("at", "id")
    assert [(e.actor, e.note, e.at - start) for e in events] == [
        (trainee, "risks", timedelta(0)),
        (trainee, "financing-plan", timedelta(minutes=4)),
        (coauthor_like, "risks", timedelta(minutes=4)),
        (trainee, "risks", timedelta(minutes=10)),
    ]
    assert {(e.content_type.model, e.object_id) for e in events} == {("plan", plan.pk)}


def test_a_section_save_costs_one_statement_more_than_before(trainee, django_assert_num_queries):
    """The log's share of an autosave is one INSERT ... WHERE NOT EXISTS, logged or folded."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from planning_docs.services import section_save

    plan = make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee))
    draft = plan.drafts.get(section__key="risks")
    counts = []
    for body in ("One", "Two"):
        draft.refresh_from_db()
        with CaptureQueriesContext(connection) as captured:
            section_save(draft=draft, body=body, revision=draft.revision, actor=trainee)
        inserts = [q["sql"] for q in captured if "core_auditevent" in q["sql"]]
        assert len(inserts) == 1 and inserts[0].startswith("INSERT")
        counts.append(len(captured))
    assert counts[0] == counts[1]
    assert AuditEvent.objects.filter(verb="section_saved").count() == 1


def test_a_comment_and_a_reply_are_logged_on_themselves(trainee):
    from planning_docs.services import plan_submit
    from reviews.services import comment_create, comment_release, review_request_changes
    from tests.factories.planning_docs import fill_plan

    plan = fill_plan(make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee)))
    plan_submit(plan=plan, actor=trainee)
    lead = plan.assignments.get().expert
    comment = comment_create(plan=plan, author=lead, section_key="risks", body="Floods?")
    event = the_event(comment, "comment_created")
    assert (event.actor, event.note) == (lead, "risks")
    comment = comment_release(comment=comment, actor=lead)
    review_request_changes(plan=plan, version=plan.versions.get(), actor=lead, summary="See.")
    reply = comment_create(plan=plan, author=trainee, body="Added.", parent=comment)
    event = the_event(reply, "comment_replied")
    assert (event.actor, event.note) == (trainee, "risks")


def test_renewing_the_calendar_feed_is_logged_on_the_person_without_the_secret(trainee):
    from seminars.services import calendar_feed_token_reset

    first = calendar_feed_token_reset(user=trainee)
    second = calendar_feed_token_reset(user=trainee)
    events = AuditEvent.objects.filter(verb="calendar_feed_reset")
    assert [(e.object_id, e.actor, e.note) for e in events] == [(trainee.pk, trainee, "")] * 2
    assert first.token not in str(list(events.values())) and second.token


def test_creating_a_trainee_or_an_expert_is_logged_with_the_role(coordinator):
    from trainees.services import expert_create, trainee_create

    person = trainee_create(
        actor=coordinator,
        email="new.trainee@example.org",
        first_name="Ama",
        last_name="Mensah",
        country="GH",
        organisation="EPA",
    )
    expert = expert_create(
        actor=coordinator,
        email="new.expert@example.org",
        first_name="Ken",
        last_name="Sato",
        organisation="City",
        fields=["legal"],
    )
    assert (
        the_event(person, "person_created").actor,
        the_event(person, "person_created").note,
    ) == (
        coordinator,
        "trainee",
    )
    assert the_event(expert, "person_created").note == "expert"


def test_a_confirmed_email_change_is_logged_without_either_address(trainee):
    from ecotown.core.accounts import account_email_confirm, email_change_token

    old = trainee.email
    token = email_change_token(user=trainee, email="moved@example.org")
    account_email_confirm(user=trainee, token=token)
    event = the_event(trainee, "email_changed")
    assert (event.actor, event.note) == (trainee, "")
    assert old not in event.note


def test_a_plan_made_on_acceptance_is_logged(coordinator):
    from planning_docs.services import plan_create_for_enrolment

    enrolment = AcceptedEnrolmentFactory()
    plan = plan_create_for_enrolment(enrolment=enrolment, actor=coordinator)
    assert the_event(plan, "plan_created").actor == coordinator
    plan_create_for_enrolment(enrolment=enrolment, actor=coordinator)  # the same plan: no row
    assert AuditEvent.objects.filter(verb="plan_created").count() == 1


def test_a_new_pdf_request_is_logged_and_asking_again_is_not(trainee, settings, tmp_path):
    from planning_docs.pdf.services import pdf_request_draft_render
    from tests.factories.planning_docs import fill_plan

    settings.MEDIA_ROOT = tmp_path
    plan = fill_plan(make_plan(enrolment=AcceptedEnrolmentFactory(trainee=trainee)))
    render = pdf_request_draft_render(plan=plan, actor=trainee)
    assert pdf_request_draft_render(plan=plan, actor=trainee) == render
    event = the_event(render, "pdf_requested")
    assert (event.actor, event.note) == (trainee, "draft")
    assert AuditEvent.objects.filter(verb="pdf_requested").count() == 1

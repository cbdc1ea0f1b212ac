import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse

from planning_docs.models import Plan, SectionDraft
from planning_docs.services import PlanLocked, StaleRevision, section_save
from tests.factories.planning_docs import make_plan
from tests.factories.trainees import AcceptedEnrolmentFactory

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def section_url(plan, key="risks"):
    return reverse("planning_docs:section-edit", args=[plan.pk, key])


def draft_of(plan, key="risks") -> SectionDraft:
    return SectionDraft.objects.get(plan=plan, section__key=key)


def test_autosave_from_the_current_revision_is_kept_and_answers_the_new_revision(
    client, plan, trainee
):
    client.force_login(trainee)
    response = client.post(
        section_url(plan), {"body": "Floods close the landfill.", "revision": 0}, **JSON
    )
    assert response.status_code == 200
    assert response.json()["revision"] == 1
    assert response.json()["words"] == 4
    assert response.json()["word_limit"] == 600
    draft = draft_of(plan)
    assert (draft.body, draft.revision, draft.updated_by) == (
        "Floods close the landfill.",
        1,
        trainee,
    )
    second = client.post(section_url(plan), {"body": "Floods close it.", "revision": 1}, **JSON)
    assert second.json()["revision"] == 2
    assert draft_of(plan).body == "Floods close it."


def test_stale_autosave_is_refused_with_409_both_texts_and_the_saved_text_unchanged(
    client, plan, trainee
):
    client.force_login(trainee)
    client.post(section_url(plan), {"body": "Saved in tab one.", "revision": 0}, **JSON)
    response = client.post(section_url(plan), {"body": "Typed in tab two.", "revision": 0}, **JSON)
    assert response.status_code == 409
    assert response.json()["body"] == "Saved in tab one."
    assert response.json()["yours"] == "Typed in tab two."
    assert response.json()["revision"] == 1
    draft = draft_of(plan)
    assert (draft.body, draft.revision) == ("Saved in tab one.", 1)


def test_stale_plain_form_post_shows_both_texts_with_409_and_the_current_revision(
    client, plan, trainee
):
    client.force_login(trainee)
    client.post(section_url(plan), {"body": "Saved in tab one.", "revision": 0})
    response = client.post(section_url(plan), {"body": "Typed in tab two.", "revision": 0})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Saved in tab one." in html and "Typed in tab two." in html
    assert 'name="revision" value="1"' in html
    assert draft_of(plan).body == "Saved in tab one."
    # Saving the merge from the revision the conflict page gave is accepted.
    merged = client.post(section_url(plan), {"body": "Tab one and tab two.", "revision": 1})
    assert merged.status_code == 302
    assert merged["Location"] == section_url(plan)
    assert draft_of(plan).body == "Tab one and tab two."


def test_plain_form_post_saves_and_redirects_to_the_section(client, plan, trainee):
    client.force_login(trainee)
    response = client.post(section_url(plan), {"body": "No script needed.", "revision": 0})
    assert response.status_code == 302
    assert draft_of(plan).body == "No script needed."


def test_a_save_without_a_revision_is_refused_with_400_and_changes_nothing(client, plan, trainee):
    client.force_login(trainee)
    response = client.post(section_url(plan), {"body": "No revision."}, **JSON)
    assert response.status_code == 400
    assert draft_of(plan).body == ""


def test_unknown_section_is_404(client, plan, trainee):
    client.force_login(trainee)
    assert client.get(section_url(plan, "no-such-section")).status_code == 404


def test_rows_of_a_structured_section_are_saved_from_the_formset(client, plan, trainee):
    client.force_login(trainee)
    data = {
        "body": "Funded by the state and a donor.",
        "revision": 0,
        "rows-TOTAL_FORMS": 3,
        "rows-INITIAL_FORMS": 0,
        "rows-MIN_NUM_FORMS": 0,
        "rows-MAX_NUM_FORMS": 200,
        "rows-0-item": "Sorting line",
        "rows-0-source": "national_budget",
        "rows-0-amount": "250,000",
        "rows-0-currency": "usd",
        "rows-0-year": "2027",
        "rows-1-item": "Dropped",
        "rows-1-source": "donor",
        "rows-1-amount": "5",
        "rows-1-currency": "USD",
        "rows-1-year": "2027",
        "rows-1-DELETE": "on",
    }
    response = client.post(section_url(plan, "financing-plan"), data)
    assert response.status_code == 302
    draft = draft_of(plan, "financing-plan")
    assert draft.rows == [
        {
            "item": "Sorting line",
            "source": "national_budget",
            "amount": "250000",
            "currency": "USD",
            "year": 2027,
        }
    ]
    page = client.get(section_url(plan, "financing-plan")).content.decode()
    assert "USD\u00a0250,000.00" in page  # the total per source


def test_a_bad_row_is_refused_with_its_reason_and_nothing_saved(client, plan, trainee):
    client.force_login(trainee)
    data = {
        "body": "",
        "revision": 0,
        "rows-TOTAL_FORMS": 1,
        "rows-INITIAL_FORMS": 0,
        "rows-0-milestone": "Backwards",
        "rows-0-start": "2027-05-01",
        "rows-0-end": "2027-01-01",
    }
    response = client.post(section_url(plan, "implementation-timeline"), data)
    assert response.status_code == 400
    assert "A milestone cannot end before it starts." in response.content.decode()
    draft = draft_of(plan, "implementation-timeline")
    assert (draft.rows, draft.revision) == ([], 0)


def test_section_save_refuses_a_locked_plan(plan, trainee):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.SUBMITTED)
    with pytest.raises(PlanLocked):
        section_save(draft=draft_of(plan), body="Late.", revision=0, actor=trainee)
    assert draft_of(plan).body == ""


@pytest.mark.django_db(transaction=True)
def test_two_saves_from_the_same_revision_in_two_transactions_exactly_one_wins():
    plan = make_plan(enrolment=AcceptedEnrolmentFactory())
    trainee = plan.enrolment.trainee
    draft = draft_of(plan)
    first_locked = threading.Event()
    outcome = {}

    def second_tab():
        # Starts while the first transaction holds the plan lock, so it must wait for it.
        first_locked.wait(5)
        try:
            with transaction.atomic():
                section_save(draft=draft, body="Tab two.", revision=0, actor=trainee)
            outcome["two"] = "saved"
        except StaleRevision as stale:
            outcome["two"] = ("stale", stale.current.body, stale.current.revision)
        finally:
            connection.close()

    thread = threading.Thread(target=second_tab)
    thread.start()
    with transaction.atomic():
        section_save(draft=draft, body="Tab one.", revision=0, actor=trainee)
        first_locked.set()
        thread.join(0.5)  # the second save is blocked behind our lock, not finished
        assert "two" not in outcome
    thread.join(5)
    assert outcome["two"] == ("stale", "Tab one.", 1)
    saved = draft_of(plan)
    assert (saved.body, saved.revision) == ("Tab one.", 1)


@pytest.mark.parametrize(
    ("baseline", "reason"),
    [
        ("1E+400000", "Baseline is too large (at most 15 digits before the decimal point)."),
        ("1000000000000000", "Baseline is too large (at most 15 digits before the decimal point)."),
        ("0.0000001", "Baseline has too many decimals (at most 6)."),
    ],
)
def test_a_figure_past_the_limits_is_refused_and_nothing_saved(
    client, plan, trainee, baseline, reason
):
    client.force_login(trainee)
    data = {
        "body": "",
        "revision": 0,
        "rows-TOTAL_FORMS": 1,
        "rows-INITIAL_FORMS": 0,
        "rows-0-indicator": "Jobs",
        "rows-0-unit": "jobs",
        "rows-0-baseline": baseline,
        "rows-0-target": "180",
        "rows-0-year": "2030",
    }
    response = client.post(section_url(plan, "monitoring-indicators"), data)
    assert response.status_code == 400
    assert reason in response.content.decode()
    draft = draft_of(plan, "monitoring-indicators")
    assert (draft.rows, draft.revision) == ([], 0)


def test_the_largest_and_finest_figures_allowed_are_kept_exactly(client, plan, trainee):
    client.force_login(trainee)
    data = {
        "body": "",
        "revision": 0,
        "rows-TOTAL_FORMS": 1,
        "rows-INITIAL_FORMS": 0,
        "rows-0-indicator": "Jobs",
        "rows-0-unit": "jobs",
        "rows-0-baseline": "999999999999999.999999",
        "rows-0-target": "1.500000",
        "rows-0-year": "2030",
    }
    assert client.post(section_url(plan, "monitoring-indicators"), data).status_code == 302
    row = draft_of(plan, "monitoring-indicators").rows[0]
    assert (row["baseline"], row["target"]) == ("999999999999999.999999", "1.500000")

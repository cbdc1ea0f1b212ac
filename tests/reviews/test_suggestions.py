"""Suggested rewordings: an expert proposes replacement text for a passage; the trainee applies
it with one click through the revision-guarded save, or keeps their text with a reply."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ecotown.core.workflow import history_of
from planning_docs.services import StaleRevision, section_save
from reviews.models import Suggestion
from reviews.services import (
    review_request_changes,
    suggestion_accept,
    suggestion_create,
    suggestion_reject,
)
from tests.factories.planning_docs import submitted_version

pytestmark = pytest.mark.django_db

KEY = "risks"


@pytest.fixture
def editable(expert):
    """A plan sent back for changes, its risks section reading a known sentence."""
    version = submitted_version(lead=expert)
    plan = version.plan
    review_request_changes(plan=plan, version=version, actor=expert, summary="Revise.")
    draft = plan.drafts.get(section__key=KEY)
    section_save(
        draft=draft,
        body="Floods may delay the plant. Prices may fall.",
        revision=draft.revision,
        actor=plan.enrolment.trainee,
    )
    plan.refresh_from_db()
    return plan


def _draft(plan):
    return plan.drafts.get(section__key=KEY)


def _suggest(plan, expert, quote="Prices may fall.", replacement="Scrap prices may fall by 30%."):
    return suggestion_create(
        plan=plan, author=expert, section_key=KEY, quote=quote, replacement=replacement
    )


def test_accepting_applies_the_suggestion_to_the_draft(editable, expert):
    suggestion = _suggest(editable, expert)
    draft = _draft(editable)
    suggestion_accept(
        suggestion=suggestion, actor=editable.enrolment.trainee, revision=draft.revision
    )
    after = _draft(editable)
    assert after.body == "Floods may delay the plant. Scrap prices may fall by 30%."
    assert after.revision == draft.revision + 1
    assert after.updated_by == editable.enrolment.trainee
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"
    assert [e.verb for e in history_of(suggestion)] == ["suggestion_accepted", "suggestion_made"]


def test_accepting_from_a_stale_revision_is_refused_and_changes_nothing(editable, expert):
    suggestion = _suggest(editable, expert)
    seen = _draft(editable).revision
    draft = _draft(editable)
    section_save(draft=draft, body=draft.body + " And more.", revision=seen, actor=expert)
    with pytest.raises(StaleRevision):
        suggestion_accept(suggestion=suggestion, actor=editable.enrolment.trainee, revision=seen)
    assert _draft(editable).body == "Floods may delay the plant. Prices may fall. And more."
    suggestion.refresh_from_db()
    assert suggestion.status == "proposed"


def test_a_suggestion_on_text_that_changed_can_no_longer_be_applied(client, editable, expert):
    suggestion = _suggest(editable, expert)
    draft = _draft(editable)
    trainee = editable.enrolment.trainee
    section_save(draft=draft, body="Prices will fall.", revision=draft.revision, actor=trainee)
    client.force_login(trainee)
    page = client.get(reverse("planning_docs:section-edit", args=[editable.pk, KEY]))
    assert "can no longer be applied" in page.content.decode()
    assert "Accept the suggestion" not in page.content.decode()
    with pytest.raises(ValidationError):
        suggestion_accept(suggestion=suggestion, actor=trainee, revision=_draft(editable).revision)
    assert _draft(editable).body == "Prices will fall."


def test_rejecting_needs_a_reply_and_keeps_the_text(editable, expert):
    suggestion = _suggest(editable, expert)
    trainee = editable.enrolment.trainee
    with pytest.raises(ValidationError):
        suggestion_reject(suggestion=suggestion, actor=trainee, reply="  ")
    suggestion_reject(suggestion=suggestion, actor=trainee, reply="The ministry's own figure.")
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.reply) == ("rejected", "The ministry's own figure.")
    assert _draft(editable).body == "Floods may delay the plant. Prices may fall."


def test_a_passage_not_in_the_text_once_is_refused(editable, expert):
    for quote in ("Not in the text.", "may"):  # absent; present twice
        with pytest.raises(ValidationError):
            _suggest(editable, expert, quote=quote)
    assert not Suggestion.objects.exists()


def test_only_the_trainee_answers_and_only_experts_suggest(editable, expert):
    suggestion = _suggest(editable, expert)
    with pytest.raises(PermissionDenied):
        suggestion_accept(suggestion=suggestion, actor=expert, revision=_draft(editable).revision)
    with pytest.raises(PermissionDenied):
        _suggest(editable, editable.enrolment.trainee, quote="Floods may delay the plant.")
    suggestion.refresh_from_db()
    assert suggestion.status == "proposed"


def test_the_trainee_sees_a_tracked_change_and_accepts_it_in_one_click(client, editable, expert):
    suggestion = _suggest(editable, expert)
    client.force_login(editable.enrolment.trainee)
    url = reverse("planning_docs:section-edit", args=[editable.pk, KEY])
    page = client.get(url).content.decode()
    assert "<del>Prices may fall.</del> <ins>Scrap prices may fall by 30%.</ins>" in page
    response = client.post(
        reverse("reviews:suggestion-answer", args=[suggestion.pk, "accept"]),
        {"revision": _draft(editable).revision},
    )
    assert response.status_code == 302
    assert "Scrap prices may fall by 30%." in _draft(editable).body


def test_a_stale_accept_through_the_page_answers_409(client, editable, expert):
    suggestion = _suggest(editable, expert)
    stale = _draft(editable).revision - 1
    client.force_login(editable.enrolment.trainee)
    response = client.post(
        reverse("reviews:suggestion-answer", args=[suggestion.pk, "accept"]), {"revision": stale}
    )
    assert response.status_code == 409
    assert "Prices may fall." in _draft(editable).body

"""A co-author at work: writing beside the trainee (409, never a lost word), who wrote what,
answering released comments, and what stays the trainee's."""

import re

import pytest
from django.core import mail
from django.db import IntegrityError, InternalError, transaction
from django.urls import reverse

from ecotown.core.names import display_name
from notifications.models import Notification
from planning_docs.coauthors import coauthor_remove
from planning_docs.export import plan_archive
from planning_docs.models import Plan, PlanCoauthor, PlanVersion, SectionDraft
from planning_docs.selectors import plans_for_user
from planning_docs.services import plan_submit
from planning_docs.versions import snapshot_sections
from reviews.models import Comment
from reviews.services import comment_create, comment_release
from tests.factories.core import UserFactory
from tests.factories.planning_docs import add_coauthor, fill_plan, make_plan
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def section_url(plan, key="risks"):
    return reverse("planning_docs:section-edit", args=[plan.pk, key])


def draft_of(plan, key="risks") -> SectionDraft:
    return SectionDraft.objects.select_related("updated_by").get(plan=plan, section__key=key)


@pytest.fixture
def coauthor(plan, trainee):
    # Names without apostrophes, so that the pages' escaped HTML reads them as written.
    trainee.first_name, trainee.last_name = "Aminata", "Sow"
    trainee.save()
    return add_coauthor(plan, UserFactory(first_name="Awa", last_name="Diallo"))


def test_owner_and_coauthor_on_one_section_get_409_and_merge_without_losing_a_word(
    client, plan, trainee, coauthor
):
    colleague = client_class_login(coauthor)
    saved = colleague.post(
        section_url(plan), {"body": "Floods close the landfill.", "revision": 0}, **JSON
    )
    assert saved.status_code == 200
    client.force_login(trainee)
    with nothing_changes(plan.drafts.all()):
        stale = client.post(
            section_url(plan), {"body": "Droughts stop the composting.", "revision": 0}, **JSON
        )
    assert stale.status_code == 409
    assert (stale.json()["body"], stale.json()["yours"], stale.json()["revision"]) == (
        "Floods close the landfill.",
        "Droughts stop the composting.",
        1,
    )
    assert stale.json()["saved_by"] == display_name(coauthor)
    assert stale.json()["error"].startswith(f"{display_name(coauthor)} saved this section after")
    merged = "Floods close the landfill. Droughts stop the composting."
    assert (
        client.post(section_url(plan), {"body": merged, "revision": 1}, **JSON).status_code == 200
    )
    # The co-author's tab, still on revision 1, is now the stale one.
    with nothing_changes(plan.drafts.all()):
        late = colleague.post(section_url(plan), {"body": "Floods only.", "revision": 1}, **JSON)
    assert late.status_code == 409
    assert late.json()["body"] == merged
    draft = draft_of(plan)
    assert (draft.body, draft.revision, draft.updated_by) == (merged, 2, trainee)


def client_class_login(user):
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other


def test_each_save_names_its_author_on_the_section_and_plan_pages(client, plan, trainee, coauthor):
    client.force_login(coauthor)
    client.post(section_url(plan), {"body": "Written at the ministry.", "revision": 0}, **JSON)
    name = display_name(coauthor)
    assert draft_of(plan).updated_by == coauthor
    page = client.get(section_url(plan)).content.decode()
    assert re.search(rf"Last edited by {re.escape(name)}\s*·\s*<time", page)
    client.force_login(trainee)
    overview = client.get(reverse("planning_docs:plan-detail", args=[plan.pk])).content.decode()
    assert f'<span class="last-edited">{name} · <time' in overview
    assert f"Co-authors: {name}" in overview
    # The version keeps each section's last author; the co-author is now a contributor.
    [risks] = [s for s in snapshot_sections(plan) if s["key"] == "risks"]
    assert risks["edited_by"] == {"id": coauthor.pk, "name": name}
    assert PlanCoauthor.objects.get(user=coauthor).contributed_at is not None


def test_the_version_freezes_the_contributors_who_wrote(plan, trainee, coauthor):
    silent = add_coauthor(plan)
    client_class_login(coauthor).post(
        section_url(plan), {"body": "Written at the ministry.", "revision": 0}, **JSON
    )
    fill_plan(plan)
    version = plan_submit(plan=plan, actor=trainee)
    assert version.contributors == [
        {"id": trainee.pk, "name": display_name(trainee), "role": "owner"},
        {"id": coauthor.pk, "name": display_name(coauthor), "role": "coauthor"},
    ]
    assert silent.pk not in [person["id"] for person in version.contributors]
    # Frozen with the text: the database refuses to change them.
    with pytest.raises((InternalError, IntegrityError)), transaction.atomic():
        PlanVersion.objects.filter(pk=version.pk).update(contributors=[])
    client = client_class_login(trainee)
    page = client.get(reverse("planning_docs:version-detail", args=[plan.pk, 1])).content
    assert f"Written by: {display_name(trainee)}, {display_name(coauthor)} (co-author)" in (
        page.decode()
    )
    assert f"Last edited by {display_name(coauthor)}" in page.decode()
    # The trainee's archive keeps them too.
    assert plan_archive(plan)["versions"][0]["contributors"] == version.contributors


def test_a_coauthor_writes_but_cannot_submit_or_change_title_or_choose_coauthors(
    client, plan, coauthor
):
    fill_plan(plan)
    client.force_login(coauthor)
    assert (
        client.post(section_url(plan), {"body": "Mine.", "revision": 1}, **JSON).status_code == 200
    )
    with nothing_changes(Plan, PlanCoauthor):
        submit = client.post(reverse("planning_docs:plan-submit", args=[plan.pk]))
        edit = client.get(reverse("planning_docs:plan-edit", args=[plan.pk]))
        invite = client.post(
            reverse("planning_docs:coauthor-list", args=[plan.pk]), {"email": "x@example.org"}
        )
    assert (submit.status_code, edit.status_code, invite.status_code) == (403, 403, 403)
    page = client.get(reverse("planning_docs:plan-detail", args=[plan.pk])).content.decode()
    assert "You write this plan as a co-author" in page
    assert reverse("planning_docs:plan-submit", args=[plan.pk]) not in page


def test_a_coauthor_sees_only_the_plans_they_write(client, plan, coauthor):
    other = make_plan()
    assert list(plans_for_user(coauthor)) == [plan]
    client.force_login(coauthor)
    assert client.get(reverse("planning_docs:plan-detail", args=[other.pk])).status_code == 404
    listing = client.get(reverse("planning_docs:plan-list")).content.decode()
    assert plan.title in listing and other.title not in listing
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "Plans you co-author" in dashboard and plan.title in dashboard
    assert client.get(reverse("trainees:roster")).status_code == 403
    seminar = plan.enrolment.seminar
    assert client.get(reverse("seminars:seminar-detail", args=[seminar.pk])).status_code == 404


def test_the_trainee_who_also_coauthors_keeps_their_own_plan_on_the_dashboard(client, plan):
    own = make_plan()
    add_coauthor(plan, own.enrolment.trainee)
    client.force_login(own.enrolment.trainee)
    assert set(plans_for_user(own.enrolment.trainee)) == {own, plan}
    page = client.get(reverse("core:dashboard")).content.decode()
    assert page.index(own.title) < page.index("Plans you co-author") < page.index(plan.title)


def test_a_coauthor_answers_released_comments_and_never_sees_internal_ones(
    client, plan, lead, coauthor
):
    released = comment_create(plan=plan, author=lead, section_key="risks", body="Add floods.")
    comment_release(comment=released, actor=lead)
    internal = comment_create(plan=plan, author=lead, section_key="risks", body="Weak plan.")
    client.force_login(coauthor)
    page = client.get(section_url(plan)).content.decode()
    assert "Add floods." in page and "Weak plan." not in page
    mail.outbox.clear()
    response = client.post(
        reverse("reviews:comment-reply", args=[released.pk]), {"body": "Added in 3.2."}
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=released)
    assert (reply.author, reply.visibility) == (coauthor, Comment.Visibility.RELEASED)
    with nothing_changes(Comment):
        hidden = client.post(reverse("reviews:comment-reply", args=[internal.pk]), {"body": "?"})
    assert hidden.status_code == 404


def test_released_comments_reach_the_trainee_and_the_coauthors(plan, trainee, lead, coauthor):
    add_coauthor(plan)  # a second co-author, then taken off the plan: told nothing more
    gone = plan.coauthors.exclude(user=coauthor).get()
    coauthor_remove(coauthor=gone, actor=trainee)
    comment = comment_create(plan=plan, author=lead, section_key="risks", body="Add floods.")
    comment_release(comment=comment, actor=lead)
    told = Notification.objects.filter(verb="comment_released").values_list("recipient", flat=True)
    assert sorted(told) == sorted([trainee.pk, coauthor.pk])

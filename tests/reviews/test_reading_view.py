"""The reading view at /plans/<id>/review/: the whole version as its PDF reads it, comment threads
beside the passages they quote, filters, actions in place (htmx) or by a plain post."""

import re
from html import unescape

import pytest
from django.urls import reverse

from planning_docs.services import plan_submit, section_save
from reviews.models import Comment, Suggestion
from reviews.services import (
    comment_create,
    comment_mark_addressed,
    comment_release,
    review_request_changes,
)
from tests.factories.planning_docs import make_plan, submitted_version
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db
SECTION = "legal-framework"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def version(expert):
    return submitted_version(lead=expert)


@pytest.fixture
def plan(version):
    return version.plan


def write(plan, key: str, body: str) -> None:
    draft = plan.drafts.get(section__key=key)
    section_save(draft=draft, body=body, revision=draft.revision, actor=plan.enrolment.trainee)


def resubmit(plan, expert, version, edits: dict[str, str]):
    review_request_changes(plan=plan, version=version, actor=expert, summary="Please revise.")
    for key, body in edits.items():
        write(plan, key, body)
    plan.refresh_from_db()
    return plan_submit(plan=plan, actor=plan.enrolment.trainee)


def margin_of(html: str, thread_pk: int) -> str:
    """The reading row (text and margin) that holds the thread."""
    rows = html.split('<div class="reading-row">')
    [row] = [r for r in rows if f'id="thread-{thread_pk}"' in r]
    return row


def test_every_section_is_shown_in_template_order_with_tables_and_chart(client, plan, expert):
    client.force_login(expert)
    response = client.get(reverse("reviews:review", args=[plan.pk]))
    html = response.content.decode()
    titles = list(plan.template.sections.order_by("position").values_list("title", flat=True))
    found = re.findall(r'<h2 id="h-section-[^"]+" [^>]*>\d+\. ([^<]+)</h2>', html)
    assert found == titles
    assert "Text of Legal framework." in html
    assert '<svg class="gantt-chart"' in html
    assert "<caption>Financing items</caption>" in html
    assert "<caption>Monitoring indicators</caption>" in html


def test_a_comment_placed_in_the_reading_view_comes_back_beside_its_passage_after_edits(
    client, plan, version, expert
):
    client.force_login(expert)
    here = reverse("reviews:review", args=[plan.pk])
    response = client.post(
        reverse("reviews:comment-create", args=[plan.pk]),
        {
            "section_key": SECTION,
            "quote": "Text of  Legal\nframework",
            "body": "Which law?",
            "next": here,
        },
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{here}#thread-{comment.pk}"

    # The trainee writes a paragraph before the passage and one after it, then resubmits.
    resubmit(
        plan,
        expert,
        version,
        {SECTION: "A new **first** paragraph.\n\nText of Legal framework.\n\nA last one."},
    )
    html = client.get(here).content.decode()
    row = margin_of(html, comment.pk)
    assert (
        f'<mark class="comment-mark" data-threads="{comment.pk}">Text of Legal framework</mark>'
        in row
    )
    assert "first" not in row and "A last one" not in row
    assert html.count('class="comment-mark"') == 1


def test_a_comment_whose_passage_is_gone_stays_with_its_section_marked(
    client, plan, version, expert
):
    comment = comment_create(
        plan=plan, author=expert, section_key=SECTION, body="Why?", quote="Legal framework"
    )
    resubmit(plan, expert, version, {SECTION: "All rewritten."})
    client.force_login(expert)
    html = client.get(reverse("reviews:review", args=[plan.pk])).content.decode()
    row = margin_of(html, comment.pk)
    assert "Comments on the whole section, or on passages no longer in its text" in row
    assert "on changed text" in row
    assert "comment-mark" not in html


@pytest.fixture
def three_states(plan, expert):
    open_one = comment_create(plan=plan, author=expert, section_key=SECTION, body="Still open")
    addressed = comment_create(plan=plan, author=expert, section_key="risks", body="Addressed one")
    accepted = comment_create(plan=plan, author=expert, section_key="risks", body="Accepted one")
    for comment in (addressed, accepted):
        comment_release(comment=comment, actor=expert)
        comment_mark_addressed(comment=comment, actor=plan.enrolment.trainee, reply="Done.")
    Comment.objects.filter(pk=accepted.pk).update(status=Comment.Status.ACCEPTED)
    return {"open": open_one, "addressed": addressed, "accepted": accepted}


@pytest.mark.parametrize(
    ("state", "shown"),
    [
        ("open", ["open"]),
        ("addressed", ["addressed"]),
        ("accepted", ["accepted"]),
        ("", ["open", "addressed", "accepted"]),
        ("no-such-state", ["open", "addressed", "accepted"]),
    ],
)
def test_the_state_filter_works_from_the_query_string(
    client, plan, expert, three_states, state, shown
):
    client.force_login(expert)
    response = client.get(reverse("reviews:review", args=[plan.pk]), {"state": state})
    html = response.content.decode()
    listed = [name for name, c in three_states.items() if f'id="thread-{c.pk}"' in html]
    assert listed == shown
    assert [t.pk for t in response.context["threads"]] == [three_states[n].pk for n in shown]


def test_threads_link_to_their_neighbours_in_reading_order(client, plan, expert, three_states):
    client.force_login(expert)
    html = client.get(reverse("reviews:review", args=[plan.pk])).content.decode()
    first, second, third = (three_states[n].pk for n in ("open", "addressed", "accepted"))
    assert f'<a href="#thread-{second}" data-thread-link="next">' in margin_of(html, first)
    assert f'<a href="#thread-{first}" data-thread-link="previous">' in margin_of(html, second)
    assert 'data-thread-link="next"' not in margin_of(html, third).split(f'id="thread-{third}"')[1]


def test_accept_with_htmx_returns_the_thread_in_place(client, plan, expert, three_states):
    thread = three_states["addressed"]
    client.force_login(expert)
    response = client.post(
        reverse("reviews:comment-move", args=[thread.pk, "accept"]),
        {"next": reverse("reviews:review", args=[plan.pk])},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<div id="thread-{thread.pk}-body"')
    assert '<span class="badge comment-status-accepted">Accepted</span>' in html
    assert "Done." in html  # the trainee's reply stays in the thread
    thread.refresh_from_db()
    assert thread.status == Comment.Status.ACCEPTED


def test_a_refused_move_with_htmx_says_why_in_the_thread_and_changes_nothing(
    client, plan, expert, three_states
):
    thread = three_states["open"]
    client.force_login(expert)
    with nothing_changes(thread):
        response = client.post(
            reverse("reviews:comment-move", args=[thread.pk, "accept"]), {}, **HTMX
        )
    assert response.status_code == 409
    assert 'role="alert"' in response.content.decode()
    assert response.content.decode().count(f'id="thread-{thread.pk}-body"') == 1


def test_reply_and_release_with_htmx_swap_the_thread(client, plan, expert, three_states):
    thread = three_states["open"]
    client.force_login(expert)
    reply = client.post(
        reverse("reviews:comment-reply", args=[thread.pk]), {"body": "Also cite it."}, **HTMX
    )
    assert reply.status_code == 200
    assert "Also cite it." in reply.content.decode()
    released = client.post(reverse("reviews:comment-release", args=[thread.pk]), {}, **HTMX)
    assert released.status_code == 200
    assert "Release to the trainee" not in released.content.decode()
    thread.refresh_from_db()
    assert thread.is_released
    assert thread.replies.get().body == "Also cite it."


def test_without_htmx_an_action_posts_and_returns_to_the_thread_in_the_reading_view(
    client, plan, expert, three_states
):
    thread = three_states["addressed"]
    here = reverse("reviews:review", args=[plan.pk]) + "?state=addressed"
    client.force_login(expert)
    response = client.post(
        reverse("reviews:comment-move", args=[thread.pk, "reopen"]), {"next": here + "#x"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{here}#thread-{thread.pk}"
    thread.refresh_from_db()
    assert thread.status == Comment.Status.REOPENED


def test_a_foreign_next_leads_back_to_the_reading_view_not_away(client, plan, expert, three_states):
    thread = three_states["open"]
    client.force_login(expert)
    response = client.post(
        reverse("reviews:comment-reply", args=[thread.pk]),
        {"body": "Reply", "next": "https://evil.example/steal"},
    )
    assert (
        response["Location"] == reverse("reviews:review", args=[plan.pk]) + f"#thread-{thread.pk}"
    )


def test_release_all_with_htmx_returns_the_view_with_the_threads_released(
    client, plan, expert, three_states
):
    client.force_login(expert)
    response = client.post(reverse("reviews:release-all", args=[plan.pk]), {}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div id="reading-view">' in html
    assert "1 comment released: the trainee got one message." in html
    assert not Comment.objects.filter(visibility=Comment.Visibility.INTERNAL).exists()


def test_the_section_page_keeps_its_own_way_back(client, plan, expert, three_states):
    thread = three_states["open"]
    client.force_login(expert)
    response = client.post(reverse("reviews:comment-reply", args=[thread.pk]), {"body": "Hm"})
    section = reverse("planning_docs:section-edit", args=[plan.pk, SECTION])
    assert response["Location"] == f"{section}#comment-{thread.pk}"


MARKDOWN = (
    "## Decree\n\n**Bold** claim with a list:\n\n- first item\n- second item\n\n"
    "| law | year |\n|---|---|\n| EPR decree | 2015 |\n"
)


def changes_shown(html: str) -> list[str]:
    """The words of each section's change block, as a reader sees them (tags and entities
    dropped, spaces folded)."""
    parts = html.split('<div class="reading-changes mb-3"')[1:]
    blocks = [
        part.partition(">")[2].split("</section>")[0].split('<div class="reading-body"')[0]
        for part in parts
    ]
    words = [unescape(re.sub(r"<[^>]+>", " ", block)) for block in blocks]
    return [" ".join(text.split()) for text in words]


def test_the_changes_read_as_text_and_table_cells_never_markdown_codes_or_keys(
    client, plan, version, expert
):
    financing = plan.drafts.get(section__key="financing-plan")
    rows = [dict(row) for row in financing.rows]
    rows[0] |= {"amount": "1200000", "source": "ppp"}
    review_request_changes(plan=plan, version=version, actor=expert, summary="Revise.")
    write(plan, SECTION, MARKDOWN)
    financing.refresh_from_db()
    section_save(
        draft=financing,
        body=financing.body,
        rows=rows,
        revision=financing.revision,
        actor=plan.enrolment.trainee,
    )
    plan.refresh_from_db()
    plan_submit(plan=plan, actor=plan.enrolment.trainee)
    client.force_login(expert)
    response = client.get(reverse("reviews:review", args=[plan.pk]))
    changes = [s.diff for s in response.context["sections"] if s.diff]
    assert [d.key for d in changes] == [SECTION, "financing-plan"]
    html = response.content.decode()
    shown = " ".join(changes_shown(html))
    inserted = " ".join(unescape(t) for t in re.findall(r"<ins>(.*?)</ins>", html, re.S))
    for words in ("Decree", "Bold", "claim with a list:", "first item", "EPR decree · 2015"):
        assert words in inserted, words
    for syntax in ("**", "##", "|", "- first", "national_budget", "ppp", SECTION, "financing-plan"):
        assert syntax not in shown, syntax
    # The changed row: its column labels, the source by name and the amount as people write it.
    table = changes[1].table
    assert [label for label, _numeric in table.columns] == [
        "Item",
        "Source",
        "Amount",
        "Currency",
        "Year",
    ]
    [row] = table.rows
    cells = {label: (c.old, c.new) for (label, _n), c in zip(table.columns, row.cells, strict=True)}
    assert cells["Source"] == ("National budget", "Public-private partnership")
    assert cells["Amount"] == ("250,000.00", "1,200,000.00")
    assert cells["Currency"] == ("USD", "USD")
    assert table.unchanged == 1
    assert "<del>National budget</del> <ins>Public-private partnership</ins>" in html
    assert '<th scope="col">Source</th>' in html


def test_sections_unchanged_since_the_last_review_are_folded(client, plan, version, expert):
    resubmit(plan, expert, version, {SECTION: "Text of Legal framework. Decree 38/2015 applies."})
    client.force_login(expert)
    response = client.get(reverse("reviews:review", args=[plan.pk]))
    html = response.content.decode()
    sections = response.context["sections"]
    assert [s.view["key"] for s in sections if not s.folded] == [SECTION]
    assert len(response.context["folded"]) == len(sections) - 1
    changed = html.split(f'id="section-{SECTION}"')[1].split("</section>")[0]
    assert '<details class="reading-fold">' not in changed
    assert "<ins>Decree 38/2015 applies.</ins>" in changed.replace("<ins> ", "<ins>")
    assert "changed since version 1</span>" in changed
    assert "What changed since version 1:" in changed
    risks = html.split('aria-labelledby="h-section-risks">')[1].split("</section>")[0]
    assert risks.lstrip().startswith('<details class="reading-fold"><summary>')
    assert "unchanged since version 1" in risks


def test_before_any_review_nothing_is_folded(client, plan, expert):
    client.force_login(expert)
    response = client.get(reverse("reviews:review", args=[plan.pk]))
    assert response.context["since"] is None
    assert response.context["folded"] == []
    assert "reading-fold" not in response.content.decode()


def _grow(plan, expert, threads: int) -> None:
    """More comment threads (with replies) and suggestions on every section."""
    keys = list(plan.drafts.values_list("section__key", flat=True))
    for i in range(threads):
        key = keys[i % len(keys)]
        thread = comment_create(plan=plan, author=expert, section_key=key, body=f"Note {i}")
        comment_create(plan=plan, author=expert, body=f"More {i}", parent=thread)
        comment_create(plan=plan, author=expert, section_key=key, body="On text", quote="Text of")
        Suggestion.objects.create(
            plan=plan, section_key=key, author=expert, quote="Text", replacement="Words"
        )


def test_reading_view_query_count_does_not_grow_with_the_plan(
    client, plan, version, expert, django_assert_max_num_queries
):
    client.force_login(expert)
    _grow(plan, expert, 2)
    url = reverse("reviews:review", args=[plan.pk])
    client.get(url)  # warm the per-process caches (content types, the rubric's template)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    _grow(plan, expert, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["threads"]) == 64


def test_a_plan_with_nothing_submitted_says_so(client, expert):
    plan = make_plan(lead=expert)
    client.force_login(expert)
    response = client.get(reverse("reviews:review", args=[plan.pk]))
    assert response.status_code == 200
    assert "Nothing submitted yet." in response.content.decode()
    assert response.context["sections"] == []


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("reviews:comment-reply", {"body": "Sneaky"}),
        ("reviews:comment-release", {}),
        ("reviews:comment-move", {}),
    ],
)
def test_htmx_actions_are_guarded_like_plain_posts(client, plan, expert, action, data):
    internal = comment_create(plan=plan, author=expert, section_key=SECTION, body="Internal")
    other_expert = submitted_version().plan.assignments.get().expert
    args = [internal.pk, "accept"] if action == "reviews:comment-move" else [internal.pk]
    for stranger in (other_expert, plan.enrolment.trainee):  # the trainee may not know of it
        client.force_login(stranger)
        with nothing_changes(internal, Comment):
            response = client.post(reverse(action, args=args), data, **HTMX)
        assert response.status_code == 404


def test_the_reading_view_shows_the_figures_the_version_froze(client, expert, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    version = submitted_version(lead=expert, attachments=True)
    [figure] = version.attachments["figures"]
    client.force_login(expert)
    html = client.get(reverse("reviews:review", args=[version.plan_id])).content.decode()
    src = reverse("planning_docs:version-figure", args=[version.plan_id, 1, figure["id"]])
    assert f'<img src="{src}" alt="Four steps joined by arrows"' in html
    assert "<figcaption>Figure 1: Process flow</figcaption>" in html
    assert client.get(src).status_code == 200


def test_a_version_is_rendered_once_then_read_from_the_cache(client, plan, expert, monkeypatch):
    from reviews import reading_cache

    rendered = []
    real = reading_cache.section_view
    monkeypatch.setattr(
        reading_cache, "section_view", lambda *a, **k: rendered.append(a[0]["key"]) or real(*a, **k)
    )
    client.force_login(expert)
    url = reverse("reviews:review", args=[plan.pk])
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    keys = [s["key"] for s in plan.versions.get().sections]
    assert rendered == keys  # the second reading took every section from the cache
    without_tokens = re.compile(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]+"')
    assert without_tokens.sub("", first) == without_tokens.sub("", second)
    assert "<svg" in second  # the timeline chart came back from the cache


def test_a_version_rewritten_by_an_erasure_is_not_read_from_the_cache(client, plan, expert):
    from django.db import transaction

    from planning_docs.personal_data import versions_writable

    client.force_login(expert)
    url = reverse("reviews:review", args=[plan.pk])
    client.get(url)
    version = plan.versions.get()
    sections = [{**s, "title": f"Renamed {s['title']}"} for s in version.sections]
    with transaction.atomic(), versions_writable():
        type(version).objects.filter(pk=version.pk).update(sections=sections)
    assert sections[0]["title"] in client.get(url).content.decode()

"""Word counts and diffs cost time linear in the text, whatever the trainee writes."""

import html
import random
import re
import time

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from ecotown.core.sanitise import readable_text
from planning_docs.completion import word_count
from planning_docs.diff import DiffBudget, text_diff, versions_diff, word_diff
from planning_docs.models import Plan, SectionDraft
from planning_docs.services import MAX_BODY_CHARS, plan_submit, section_save
from tests.factories.planning_docs import fill_plan


def _elapsed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def _old_side(diff_html: str) -> str:
    without_insertions = re.sub(r"<ins>.*?</ins>", "", diff_html, flags=re.S)
    return html.unescape(re.sub(r"</?del>", "", without_insertions))


def _new_side(diff_html: str) -> str:
    without_deletions = re.sub(r"<del>.*?</del>", "", diff_html, flags=re.S)
    return html.unescape(re.sub(r"</?ins>", "", without_deletions))


def _adversarial(size: int, seed: int) -> str:
    # Few distinct tokens in random order: every token matches many others, which is what
    # makes a longest-common-subsequence search expensive.
    rng = random.Random(seed)
    return "".join(rng.choice("ab -.,") for _ in range(size))


def _honest_section(words: int, seed: int) -> tuple[str, str]:
    """A section of `words` words in paragraphs of sentences, and the same with one word in ten
    replaced, scattered through it."""
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 10)))
        for _ in range(2000)
    ]
    old = [rng.choice(vocabulary) for _ in range(words)]
    new = list(old)
    for index in rng.sample(range(words), words // 10):
        new[index] = "changed"

    def text(ws):
        sentences = [" ".join(ws[i : i + 15]) + "." for i in range(0, len(ws), 15)]
        return "\n\n".join(" ".join(sentences[i : i + 8]) for i in range(0, len(sentences), 8))

    return text(old), text(new)


def test_word_count_is_unchanged_for_ordinary_text():
    assert word_count("e-waste, recycling; 3.5 t/year (2030)") == 5
    assert word_count("--- *** ||| ...") == 0
    assert word_count("電子ごみ recycling") == 5


def test_word_count_of_the_longest_run_of_punctuation_is_fast():
    # The old pattern retried every start of the run: ~6 s for 30,000 characters.
    run = "-" * 30_000
    assert word_count(run) == 0
    assert _elapsed(word_count, run) < 0.1
    largest = ("-" * 999 + "a ") * (MAX_BODY_CHARS // 1001)
    assert word_count(largest) == MAX_BODY_CHARS // 1001
    assert _elapsed(word_count, largest) < 0.3


@given(st.text(alphabet="ab .,\n-漢", max_size=40), st.text(alphabet="ab .,\n-漢", max_size=40))
@settings(max_examples=300, deadline=None)
def test_diff_always_gives_back_both_texts(old, new):
    diff = str(word_diff(old, new))
    assert _old_side(diff) == old
    assert _new_side(diff) == new


def test_diff_of_a_2000_character_adversarial_section_is_fast():
    # SequenceMatcher took 11 s on such a section.
    old, new = _adversarial(2000, seed=1), _adversarial(2000, seed=2)
    assert _elapsed(word_diff, old, new) < 0.5
    diff = text_diff(old, new)
    assert (_old_side(diff.html), _new_side(diff.html)) == (old, new)


def test_diff_work_grows_linearly_with_the_adversarial_text():
    spent = {}
    for size in (2_000, 16_000, MAX_BODY_CHARS):
        old, new = _adversarial(size, seed=3), _adversarial(size, seed=4)
        budget = DiffBudget.for_texts(old, new)
        text_diff(old, new, budget)
        spent[size] = budget.spent
    # At most one run past the budget: the work per character does not grow with the size.
    per_char = {size: spent[size] / size for size in spent}
    assert per_char[MAX_BODY_CHARS] < 2 * per_char[2_000] + 1
    assert per_char[16_000] < 2 * per_char[2_000] + 1
    old, new = _adversarial(MAX_BODY_CHARS, seed=5), _adversarial(MAX_BODY_CHARS, seed=6)
    assert _elapsed(word_diff, old, new) < 3


def test_honest_edits_of_a_6000_word_section_are_shown_word_by_word_and_fast():
    # SequenceMatcher took 9 s.
    old, new = _honest_section(6000, seed=7)
    assert _elapsed(word_diff, old, new) < 1
    diff = text_diff(old, new)
    assert not diff.rewritten
    assert (_old_side(diff.html), _new_side(diff.html)) == (old, new)
    # Each replaced word is its own change (a few neighbours merge into one).
    assert 450 <= str(diff.html).count("<ins>changed</ins>") <= 600


def test_a_section_too_different_to_diff_is_marked_rewritten():
    old, new = _adversarial(20_000, seed=8), _adversarial(20_000, seed=9)
    [section] = versions_diff(
        [{"key": "a", "title": "A", "kind": "prose", "body": old, "rows": []}],
        [{"key": "a", "title": "A", "kind": "prose", "body": new, "rows": []}],
    )
    assert section.rewritten
    # Sections are compared as readers see them: the rendered words, without Markdown syntax.
    old, new = readable_text(old), readable_text(new)
    assert section.body == f"<del>{html.escape(old)}</del><ins>{html.escape(new)}</ins>"


@pytest.mark.django_db
def test_diff_page_of_an_adversarial_section_answers_quickly(client, plan, trainee, lead):
    fill_plan(plan)
    draft = SectionDraft.objects.select_related("section").get(plan=plan, section__key="risks")
    section_save(draft=draft, body=_adversarial(30_000, 10), revision=draft.revision, actor=trainee)
    plan_submit(plan=plan, actor=trainee)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.CHANGES_REQUESTED)
    draft.refresh_from_db()
    section_save(draft=draft, body=_adversarial(30_000, 11), revision=draft.revision, actor=trainee)
    plan_submit(plan=plan, actor=trainee)
    client.force_login(lead)
    url = reverse("planning_docs:version-diff", args=[plan.pk]) + "?from=1&to=2"
    start = time.perf_counter()
    response = client.get(url)
    assert time.perf_counter() - start < 3
    assert response.status_code == 200
    assert "Too many changes to show word by word" in response.content.decode()
    review = client.get(reverse("reviews:review", args=[plan.pk]))
    assert review.status_code == 200

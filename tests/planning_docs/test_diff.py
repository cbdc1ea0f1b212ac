import pytest
from django.urls import reverse

from planning_docs.diff import versions_diff, word_diff
from planning_docs.models import Plan, SectionDraft
from planning_docs.services import plan_submit, section_save
from tests.factories.planning_docs import fill_plan


def test_word_diff_of_two_known_texts():
    old = "The plant recycles 500 tonnes of e-waste a year."
    new = "The new plant recycles 800 tonnes of e-waste a year."
    assert word_diff(old, new) == (
        "The <ins>new </ins>plant recycles <del>500</del><ins>800</ins> tonnes of e-waste a year."
    )


def test_word_diff_escapes_the_text_it_marks():
    assert word_diff("a <b>", "a <i>") == "a &lt;<del>b</del><ins>i</ins>&gt;"


def test_word_diff_counts_each_chinese_character_as_a_word():
    assert word_diff("回收电子废物", "回收废旧汽车") == (
        "回收<del>电子</del>废<del>物</del><ins>旧汽车</ins>"
    )


def test_versions_diff_summarises_changed_added_and_removed_sections():
    old = [
        {"key": "a", "title": "A", "kind": "prose", "body": "same", "rows": []},
        {"key": "b", "title": "B", "kind": "prose", "body": "old text", "rows": []},
        {"key": "c", "title": "C", "kind": "prose", "body": "gone", "rows": []},
    ]
    new = [
        {"key": "a", "title": "A", "kind": "prose", "body": "same", "rows": []},
        {"key": "b", "title": "B", "kind": "prose", "body": "new text", "rows": []},
        {"key": "d", "title": "D", "kind": "prose", "body": "fresh", "rows": []},
    ]
    diffs = versions_diff(old, new)
    assert [(d.key, d.change) for d in diffs] == [
        ("a", "unchanged"),
        ("b", "changed"),
        ("d", "added"),
        ("c", "removed"),
    ]
    assert diffs[1].body == "<del>old</del><ins>new</ins> text"


@pytest.mark.django_db
def test_diff_page_shows_the_changed_sections_word_by_word(client, plan, trainee, lead):
    fill_plan(plan)
    plan_submit(plan=plan, actor=trainee)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.CHANGES_REQUESTED)
    draft = SectionDraft.objects.select_related("section").get(plan=plan, section__key="risks")
    section_save(draft=draft, body="Text of flood Risks.", revision=draft.revision, actor=trainee)
    plan_submit(plan=plan, actor=trainee)
    client.force_login(lead)
    response = client.get(reverse("planning_docs:version-diff", args=[plan.pk]) + "?from=1&to=2")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Changes from version 1 to version 2" in html
    assert '<ul id="diff-summary"><li><a href="#diff-risks">Risks</a> (changed)</li></ul>' in html
    assert "Text of <ins>flood </ins>Risks." in html
    missing = client.get(reverse("planning_docs:version-diff", args=[plan.pk]) + "?from=1&to=9")
    assert missing.status_code == 404
    bad = client.get(reverse("planning_docs:version-diff", args=[plan.pk]) + "?from=x&to=2")
    assert bad.status_code == 400


@pytest.mark.django_db
def test_diff_page_of_a_plan_with_one_version_says_there_is_nothing_to_compare(
    client, plan, trainee
):
    client.force_login(trainee)
    response = client.get(reverse("planning_docs:version-diff", args=[plan.pk]))
    assert response.status_code == 200
    assert "There are fewer than two versions to compare." in response.content.decode()


def test_changed_rows_read_as_people_read_them_not_as_codes():
    from planning_docs.diff import rows_as_text

    financing = [
        {
            "item": "Sorting plant",
            "source": "national_budget",
            "amount": "1200000",
            "currency": "USD",
            "year": 2028,
        }
    ]
    indicators = [
        {
            "indicator": "Material recycled",
            "unit": "t/year",
            "baseline": "2000",
            "target": "25000",
            "year": 2030,
        }
    ]
    assert rows_as_text("financing", financing) == (
        # Babel keeps the code and the amount together with a no-break space.
        "Sorting plant · National budget · USD\xa01,200,000.00 · 2028"
    )
    assert rows_as_text("indicators", indicators) == (
        "Material recycled · 2,000\xa0t/year → 25,000\xa0t/year · 2030"
    )
    assert "national_budget" not in rows_as_text("financing", financing)


@pytest.mark.django_db
def test_diff_page_shows_rendered_words_and_changed_cells_under_their_labels(
    client, plan, trainee, lead
):
    fill_plan(plan)
    plan_submit(plan=plan, actor=trainee)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.CHANGES_REQUESTED)
    risks = SectionDraft.objects.get(plan=plan, section__key="risks")
    section_save(draft=risks, body="**Floods** first", revision=risks.revision, actor=trainee)
    financing = SectionDraft.objects.get(plan=plan, section__key="financing-plan")
    rows = [dict(financing.rows[0], source="ppp"), *financing.rows[1:]]
    section_save(
        draft=financing, body=financing.body, rows=rows, revision=financing.revision, actor=trainee
    )
    plan_submit(plan=plan, actor=trainee)
    client.force_login(lead)
    response = client.get(reverse("planning_docs:version-diff", args=[plan.pk]) + "?from=1&to=2")
    html = response.content.decode()
    assert "<del>Text</del><ins>Floods</ins> <del>of Risks.</del><ins>first</ins>" in html
    assert "**" not in html
    assert '<th scope="col">Source</th>' in html
    assert "<del>National budget</del> <ins>Public-private partnership</ins>" in html
    assert "ppp" not in html and "national_budget" not in html


def test_a_diff_of_stored_versions_is_computed_once_per_language(monkeypatch):
    from django.core.cache import cache
    from django.utils import translation

    from planning_docs import diff

    cache.clear()
    computed = []
    real = diff.versions_diff
    monkeypatch.setattr(diff, "versions_diff", lambda *a: computed.append(1) or real(*a))
    row = {"item": "Plant", "source": "national_budget", "amount": "1200000", "currency": "USD"}
    row["year"] = 2028
    old = [{"key": "f", "title": "F", "kind": "financing", "body": "", "rows": [row]}]
    new = [{**old[0], "rows": [{**row, "amount": "1500000"}]}]
    with translation.override("en"):
        english = diff.stored_versions_diff(old, new)
        assert diff.stored_versions_diff(old, new) == english
    assert len(computed) == 1  # the second came from the cache
    with translation.override("fr"):
        french = diff.stored_versions_diff(old, new)
    assert len(computed) == 2  # amounts are written in the reader's language
    amount = 2  # the third column
    assert english[0].table.rows[0].cells[amount].new == "1,500,000.00"
    assert french[0].table.rows[0].cells[amount].new == "1\u202f500\u202f000,00"
    assert [label for label, _ in french[0].table.columns][:3] == ["Poste", "Source", "Montant"]
    renamed = [{**new[0], "title": "Renamed by an erasure"}]
    assert diff.stored_versions_diff(old, renamed)[0].title == "Renamed by an erasure"

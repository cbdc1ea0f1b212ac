"""Numbers in structured rows are bounded where they are entered, and a bad stored value never
stops a page from opening; a table at its rows limit fits in one request."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from planning_docs.models import SectionDraft
from planning_docs.services import section_save
from planning_docs.structured import MAX_ROWS, ROW_FIELDS, clean_rows

pytestmark = pytest.mark.django_db

FINANCING = {
    "item": "Sorting line",
    "source": "donor",
    "amount": "100",
    "currency": "USD",
    "year": 2027,
}
INDICATOR = {"indicator": "CO2", "unit": "t", "baseline": "10", "target": "5", "year": 2030}
TOO_LARGE = "is too large (at most 15 digits before the decimal point)."
MILESTONE = {"milestone": "Build", "start": "2027-01-01", "end": "2027-06-30", "owner": ""}


def _draft(plan, key) -> SectionDraft:
    return SectionDraft.objects.select_related("section").get(plan=plan, section__key=key)


def _section_url(plan, key):
    return reverse("planning_docs:section-edit", args=[plan.pk, key])


@pytest.mark.parametrize(
    ("kind", "row", "message"),
    [
        (
            "financing",
            {**FINANCING, "amount": "1e1000000"},
            f"Amount {TOO_LARGE}",
        ),
        (
            "financing",
            {**FINANCING, "amount": "1e999997"},
            f"Amount {TOO_LARGE}",
        ),
        (
            "financing",
            {**FINANCING, "amount": "1000000000000000"},
            f"Amount {TOO_LARGE}",
        ),
        ("financing", {**FINANCING, "amount": "-5"}, "Amount cannot be negative."),
        (
            "financing",
            {**FINANCING, "amount": "0.0000001"},
            "too many decimals (at most 6)",
        ),
        ("financing", {**FINANCING, "amount": "1" * 41}, "Amount is too long to be a number."),
        ("financing", {**FINANCING, "amount": "NaN"}, "Amount must be a number."),
        ("financing", {**FINANCING, "year": 9999}, "Year must be between 1990 and 2100."),
        ("financing", {**FINANCING, "year": "9" * 5000}, "Year must be a whole number."),
        (
            "indicators",
            {**INDICATOR, "target": "-1e20"},
            f"Target {TOO_LARGE}",
        ),
        ("timeline", {**MILESTONE, "end": "9999-12-31"}, "End must be between 1990 and 2100."),
        ("timeline", {**MILESTONE, "start": "0001-01-01"}, "Start must be between 1990"),
    ],
)
def test_out_of_bounds_numbers_are_refused_by_the_model_layer(kind, row, message):
    with pytest.raises(ValidationError) as refused:
        clean_rows(kind, [row])
    assert message in " ".join(refused.value.messages)


def test_bounded_numbers_are_kept_as_plain_digits():
    [row] = clean_rows("financing", [{**FINANCING, "amount": "1,000,000.50"}])
    assert row["amount"] == "1000000.50"
    [row] = clean_rows("financing", [{**FINANCING, "amount": "1E+5"}])
    assert row["amount"] == "100000"
    [row] = clean_rows("financing", [{**FINANCING, "amount": "999999999999999.999999"}])
    assert Decimal(row["amount"]) == Decimal("999999999999999.999999")
    # An indicator may fall below zero.
    [row] = clean_rows("indicators", [{**INDICATOR, "baseline": "-12.5", "target": "-0"}])
    assert (row["baseline"], row["target"]) == ("-12.5", "0")


def test_the_editor_refuses_a_huge_amount_and_keeps_the_rows(client, plan, trainee):
    client.force_login(trainee)
    data = {
        "body": "",
        "revision": 0,
        "rows-TOTAL_FORMS": 1,
        "rows-INITIAL_FORMS": 0,
        "rows-0-item": "Plant",
        "rows-0-source": "donor",
        "rows-0-amount": "1e1000000",
        "rows-0-currency": "USD",
        "rows-0-year": "2027",
    }
    response = client.post(_section_url(plan, "financing-plan"), data)
    assert response.status_code == 400
    assert f"Amount {TOO_LARGE}" in response.content.decode()
    draft = _draft(plan, "financing-plan")
    assert (draft.rows, draft.revision) == ([], 0)


def test_a_bad_stored_amount_still_opens_and_can_be_corrected(client, plan, trainee):
    good = {**FINANCING, "amount": "250"}
    bad = {**FINANCING, "amount": "1e1000000"}
    huge = {**FINANCING, "amount": "1e999997"}
    # Stored before the bounds existed (straight into the database, as old rows are).
    SectionDraft.objects.filter(plan=plan, section__key="financing-plan").update(
        rows=[good, bad, huge]
    )
    client.force_login(trainee)
    page = client.get(_section_url(plan, "financing-plan"))
    assert page.status_code == 200
    html = page.content.decode()
    assert len(html) < 500_000
    assert 'value="1e1000000"' in html  # the editor shows the stored value to correct
    assert "2 rows hold values outside the allowed ranges" in html
    assert "USD\xa0250.00" in html  # the totals of the sound rows
    detail = client.get(reverse("planning_docs:plan-detail", args=[plan.pk]))
    assert detail.status_code == 200
    assert len(detail.content) < 500_000

    data = {"body": "", "revision": 0, "rows-TOTAL_FORMS": 3, "rows-INITIAL_FORMS": 0}
    for index, amount in enumerate(["250", "1000", "1000"]):
        data |= {
            f"rows-{index}-item": "Sorting line",
            f"rows-{index}-source": "donor",
            f"rows-{index}-amount": amount,
            f"rows-{index}-currency": "USD",
            f"rows-{index}-year": "2027",
        }
    assert client.post(_section_url(plan, "financing-plan"), data).status_code == 302
    assert [row["amount"] for row in _draft(plan, "financing-plan").rows] == ["250", "1000", "1000"]


def test_a_bad_stored_timeline_date_still_opens(client, plan, trainee):
    rows = [MILESTONE, {**MILESTONE, "end": "9999-12-31"}, {**MILESTONE, "start": "nonsense"}]
    SectionDraft.objects.filter(plan=plan, section__key="implementation-timeline").update(rows=rows)
    client.force_login(trainee)
    page = client.get(_section_url(plan, "implementation-timeline"))
    assert page.status_code == 200
    assert "2 rows hold values outside the allowed ranges" in page.content.decode()


def test_the_upload_limit_fits_the_largest_legitimate_form():
    widest_row = max(len(fields) for fields in ROW_FIELDS.values()) + 1  # and its delete box
    management = 4
    others = len(("body", "revision", "csrfmiddlewaretoken"))
    assert MAX_ROWS * widest_row + management + others <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def _financing_post(rows: int, *, delete_boxes: bool = True) -> dict:
    data = {
        "body": "Funded.",
        "revision": 0,
        "rows-TOTAL_FORMS": rows,
        "rows-INITIAL_FORMS": 0,
        "rows-MIN_NUM_FORMS": 0,
        "rows-MAX_NUM_FORMS": MAX_ROWS,
    }
    for index in range(rows):
        data |= {
            f"rows-{index}-item": f"Item {index}",
            f"rows-{index}-source": "donor",
            f"rows-{index}-amount": str(index + 1),
            f"rows-{index}-currency": "USD",
            f"rows-{index}-year": "2027",
            f"rows-{index}-DELETE": "",
        }
    return data


def test_saving_the_largest_table_is_not_refused(client, plan, trainee):
    # 197 rows returned a bare 400 from Django's limit of 1,000 fields.
    client.force_login(trainee)
    response = client.post(_section_url(plan, "financing-plan"), _financing_post(MAX_ROWS))
    assert response.status_code == 302
    rows = _draft(plan, "financing-plan").rows
    assert len(rows) == MAX_ROWS
    assert rows[-1]["amount"] == str(MAX_ROWS)


def test_one_row_past_the_limit_is_refused_with_a_clear_reason(client, plan, trainee):
    client.force_login(trainee)
    response = client.post(_section_url(plan, "financing-plan"), _financing_post(MAX_ROWS + 1))
    assert response.status_code == 400
    assert f"A table holds at most {MAX_ROWS} rows" in response.content.decode()
    draft = _draft(plan, "financing-plan")
    assert (draft.rows, draft.revision) == ([], 0)


def test_the_model_layer_refuses_too_many_rows(plan, trainee):
    draft = _draft(plan, "financing-plan")
    with pytest.raises(ValidationError) as refused:
        section_save(
            draft=draft, body="", revision=0, actor=trainee, rows=[FINANCING] * (MAX_ROWS + 1)
        )
    assert f"A table holds at most {MAX_ROWS} rows" in refused.value.messages[0]
    assert _draft(plan, "financing-plan").rows == []


def test_a_request_past_the_field_limit_gets_a_page_that_says_why(client, plan, trainee, settings):
    settings.DEBUG = False  # Django answers with handler400 only outside DEBUG
    client.force_login(trainee)
    data = _financing_post(MAX_ROWS + 100)
    assert len(data) > settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    response = client.post(_section_url(plan, "financing-plan"), data)
    assert response.status_code == 400
    assert f"a table holds at most {MAX_ROWS} rows" in response.content.decode()
    assert _draft(plan, "financing-plan").rows == []

"""The lists' seminar filter (seminars.forms.SeminarChoiceField): every seminar, the newest
first, read as titles, and a choice checked against the database."""

from datetime import date

import pytest
from django import forms
from django.test.html import parse_html

from seminars.forms import SeminarChoiceField
from tests.factories.seminars import SeminarFactory

pytestmark = pytest.mark.django_db


class SeminarFilter(forms.Form):
    seminar = SeminarChoiceField(empty_label="Any seminar", required=False)


def test_every_seminar_is_offered_newest_first_by_title():
    older = SeminarFactory(title="Kitakyushu 2025", start_date=date(2025, 11, 3))
    newer = SeminarFactory(title="Kitakyushu 2026 & after", start_date=date(2026, 11, 2))
    html = parse_html(str(SeminarFilter({"seminar": str(older.pk)})["seminar"]))
    expected = parse_html(
        '<select name="seminar" id="id_seminar"><option value="">Any seminar</option>'
        f'<option value="{newer.pk}">Kitakyushu 2026 &amp; after</option>'
        f'<option value="{older.pk}" selected>Kitakyushu 2025</option></select>'
    )
    assert html == expected


def test_a_chosen_seminar_is_the_seminar_and_an_unknown_one_is_refused():
    seminar = SeminarFactory()
    chosen = SeminarFilter({"seminar": str(seminar.pk)})
    assert chosen.is_valid() and chosen.cleaned_data["seminar"] == seminar
    unknown = SeminarFilter({"seminar": str(seminar.pk + 1000)})
    assert not unknown.is_valid()
    assert "Select a valid choice" in str(unknown.errors["seminar"])
    assert SeminarFilter({}).is_valid()

import copy

from django import forms
from django.test.html import parse_html
from django_countries import countries

from ecotown.core.widgets import FixedChoiceField, PlainSelect

CHOICES = [("", "Any country"), *countries]


def both(value, attrs=None, choices=CHOICES):
    django = forms.Select(attrs={"class": "form-select"}, choices=choices)
    plain = PlainSelect(attrs={"class": "form-select"}, choices=choices)
    return (
        parse_html(django.render("country", value, attrs)),
        parse_html(plain.render("country", value, attrs)),
    )


def test_plain_select_renders_what_djangos_select_renders():
    expected, got = both("JP", {"id": "id_country", "required": True, "disabled": False})
    assert got == expected
    assert got.count(parse_html('<option value="JP" selected>Japan</option>')) == 1


def test_plain_select_escapes_labels_values_and_attributes():
    choices = [("<x>", 'A & "B"'), ("2", "<script>alert(1)</script>")]
    expected, got = both("<x>", {"data-note": '"><script>'}, choices)
    assert got == expected
    html = PlainSelect(choices=choices).render("f", "2", {"data-note": '"><script>'})
    assert "<script>" not in html


def test_plain_select_keeps_option_groups_and_an_unselected_value():
    choices = [("Asia", [("JP", "Japan"), ("VN", "Viet Nam")]), ("KE", "Kenya")]
    expected, got = both(None, choices=choices)
    assert got == expected
    assert "selected" not in PlainSelect(choices=choices).render("f", None)


def test_a_fixed_list_is_rendered_once_per_language_with_the_selected_value_marked():
    from django.utils import translation

    django = forms.Select(attrs={"class": "form-select"}, choices=CHOICES)
    fixed = PlainSelect(attrs={"class": "form-select"}, choices=CHOICES, fixed_choices="t-any")
    for value in ("JP", "KE", "", None, "JP"):
        expected = parse_html(django.render("country", value, {"id": "id_c"}))
        assert parse_html(fixed.render("country", value, {"id": "id_c"})) == expected
    with translation.override("fr"):  # the same list, named in French
        in_french = [("", "Tout pays"), *countries]
        fixed = PlainSelect(choices=in_french, fixed_choices="t-any")
        french = fixed.render("country", "JP", {"id": "id_c"})
        django = forms.Select(choices=in_french)
        assert parse_html(french) == parse_html(django.render("country", "JP", {"id": "id_c"}))
    assert '<option value="JP" selected>Japon</option>' in french
    assert '<option value="JP" selected>Japan</option>' in fixed.render("c", "JP")


class CountryFilter(forms.Form):
    country = FixedChoiceField(choices=CHOICES, required=False)


def test_a_fixed_choice_field_shares_its_choices_and_still_checks_them():
    first, second = CountryFilter({"country": "JP"}), CountryFilter({"country": "XX"})
    assert first.fields["country"].choices is second.fields["country"].choices
    assert first.fields["country"].widget is not second.fields["country"].widget
    assert first.is_valid() and first.cleaned_data == {"country": "JP"}
    assert not second.is_valid()
    assert "Select a valid choice. XX is not one of the available choices." in str(
        second.errors["country"]
    )


def test_a_fixed_select_is_copied_with_its_own_attributes_and_the_shared_list():
    fixed = PlainSelect(attrs={"class": "form-select"}, choices=CHOICES, fixed_choices="t-copy")
    copied = copy.deepcopy(fixed)
    copied.attrs["class"] = "changed"
    assert fixed.attrs == {"class": "form-select"}
    assert copied.choices is fixed.choices
    assert 'value="JP" selected' in copied.render("country", "JP")

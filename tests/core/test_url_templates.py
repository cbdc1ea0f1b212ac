import pytest
from django.urls import NoReverseMatch, reverse

from ecotown.core.url_templates import UrlTemplate


@pytest.mark.parametrize("pk", [1, 42, 10**9])
def test_a_filled_url_is_the_one_reverse_gives(pk):
    act = UrlTemplate("trainees:enrolment-act", UrlTemplate.ID, "accept")
    assert act.fill(pk) == reverse("trainees:enrolment-act", args=[pk, "accept"])
    person = UrlTemplate("trainees:person-edit", UrlTemplate.ID)
    assert person.fill(pk) == reverse("trainees:person-edit", args=[pk])


def test_a_url_template_needs_exactly_one_id():
    with pytest.raises(ValueError, match="exactly once"):
        UrlTemplate("trainees:person-edit", 3)
    with pytest.raises(NoReverseMatch):
        UrlTemplate("trainees:no-such-page", UrlTemplate.ID)


def test_a_filled_id_must_be_a_number():
    with pytest.raises(ValueError):
        UrlTemplate("trainees:person-edit", UrlTemplate.ID).fill("1/../admin")

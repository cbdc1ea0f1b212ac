import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecotown.core.roles import COORDINATOR, EXPERT
from pilots.alumni import AlumniQuery, alumni_listed, alumni_listing_set
from pilots.models import AlumniListing
from tests.factories.core import UserFactory
from tests.factories.planning_docs import add_coauthor
from tests.pilots.library_world import approved_in, seminar_of, trainee_in
from tests.unchanged import nothing_changes

pytestmark = pytest.mark.django_db


def listed(user, note=""):
    return alumni_listing_set(user=user, listed=True, note=note)


def names(query: AlumniQuery | None = None) -> list[str]:
    return [u.username for u in alumni_listed(query or AlumniQuery())]


def test_only_opted_in_alumni_are_listed_by_country_and_sector():
    past = seminar_of(2024)
    kenya = approved_in(past, country="KE", sector="composting").enrolment.trainee
    ghana = approved_in(past, country="GH", sector="e_waste").enrolment.trainee
    quiet = approved_in(past, country="KE").enrolment.trainee
    left = trainee_in(past, country="KE")
    listed(kenya, note="Compost markets")
    listed(ghana)
    listed(left)
    alumni_listing_set(user=left, listed=False, note="")
    assert sorted(names()) == sorted([kenya.username, ghana.username])
    assert quiet.username not in names()
    assert names(AlumniQuery(country="KE")) == [kenya.username]
    assert names(AlumniQuery(sector="e_waste")) == [ghana.username]


def test_a_trainee_whose_seminar_has_not_ended_cannot_join(trainee):
    from tests.factories.seminars import SeminarFactory
    from tests.factories.trainees import AcceptedEnrolmentFactory

    current = AcceptedEnrolmentFactory(
        seminar=SeminarFactory(start_date="2999-01-01", end_date="2999-01-10")
    ).trainee
    for user in (current, UserFactory(role=EXPERT), UserFactory(role=COORDINATOR)):
        with nothing_changes(AlumniListing), pytest.raises(PermissionDenied):
            listed(user)


def test_the_directory_answers_signed_in_trainees_experts_and_coordinators(client):
    past = seminar_of(2024)
    alumnus = approved_in(past, country="TZ").enrolment.trainee
    listed(alumnus, note="Transit of e-waste through Dar es Salaam")
    url = reverse("alumni:directory")
    for user in (
        trainee_in(seminar_of(2026)),
        UserFactory(role=EXPERT),
        UserFactory(role=COORDINATOR),
    ):
        client.force_login(user)
        html = client.get(url).content.decode()
        assert "Transit of e-waste through Dar es Salaam" in html and alumnus.email in html
    client.force_login(add_coauthor(approved_in(past)))
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_an_alumnus_opts_in_from_the_account_page(client):
    alumnus = trainee_in(seminar_of(2024))
    client.force_login(alumnus)
    account = client.get(reverse("account-settings")).content.decode()
    assert reverse("alumni:listing-edit") in account
    response = client.post(reverse("alumni:listing-edit"), {"listed": "on", "note": "Plastics"})
    assert response.status_code == 302
    assert AlumniListing.objects.get(user=alumnus).listed is True
    assert alumnus.username in names()
    client.post(reverse("alumni:listing-edit"), {"note": "Plastics"})
    assert alumnus.username not in names()
    assert alumnus.is_active  # the account stays


def test_the_account_page_has_no_alumni_link_for_others(client, expert):
    client.force_login(expert)
    account = client.get(reverse("account-settings")).content.decode()
    assert reverse("alumni:listing-edit") not in account


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_alumni_directory_queries_do_not_grow_with_the_number_of_alumni(client, coordinator):
    past = seminar_of(2024)

    def add(n):
        for _ in range(n):
            listed(approved_in(past, sector="plastics").enrolment.trainee)

    client.force_login(coordinator)
    add(2)
    small = queries_for(client, reverse("alumni:directory"))
    add(4)
    assert queries_for(client, reverse("alumni:directory")) == small

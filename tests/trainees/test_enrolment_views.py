from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ecotown.core.models import AuditEvent
from planning_docs.models import Plan
from tests.factories.core import TraineeFactory
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import OfferedEnrolmentFactory, enrolment_in
from tests.unchanged import nothing_changes
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db
S = Enrolment.Status


def act(enrolment, action):
    return reverse("trainees:enrolment-act", args=[enrolment.pk, action])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_coordinator_accepts_a_nomination_and_the_plan_is_made(client, coordinator):
    enrolment = enrolment_in(SeminarFactory())
    client.force_login(coordinator)
    response = client.post(act(enrolment, "accept"), follow=True)
    enrolment.refresh_from_db()
    assert enrolment.status == S.ACCEPTED
    assert Plan.objects.filter(enrolment=enrolment).exists()
    assert messages_of(response) == [f"{enrolment.trainee} is accepted; their plan is ready."]
    assert AuditEvent.objects.get(object_id=enrolment.pk, verb="accept").actor == coordinator


def test_accepting_the_thirteenth_puts_them_on_the_waitlist_with_a_message(client, coordinator):
    seminar = SeminarFactory(capacity=12)
    for _ in range(12):
        enrolment_in(seminar, status=S.ACCEPTED)
    thirteenth = enrolment_in(seminar)
    client.force_login(coordinator)
    response = client.post(act(thirteenth, "accept"), follow=True)
    thirteenth.refresh_from_db()
    assert thirteenth.status == S.WAITLISTED
    assert messages_of(response) == [
        f"No seat is left: {thirteenth.trainee} was not accepted and is now on the waitlist."
    ]
    assert Enrolment.objects.filter(seminar=seminar, status=S.ACCEPTED).count() == 12


def test_a_refused_move_says_why_and_changes_nothing(client, coordinator):
    enrolment = enrolment_in(SeminarFactory(), status=S.WITHDRAWN)
    client.force_login(coordinator)
    with nothing_changes(Enrolment, Plan):
        response = client.post(act(enrolment, "accept"), follow=True)
    enrolment.refresh_from_db()
    assert enrolment.status == S.WITHDRAWN
    assert messages_of(response) == ["Cannot move from Withdrawn to Accepted."]


def test_withdrawing_from_the_roster_offers_the_seat_onward(client, coordinator):
    seminar = SeminarFactory(capacity=1)
    accepted = enrolment_in(seminar, status=S.ACCEPTED)
    waiting = enrolment_in(seminar, status=S.NOMINATED)
    client.force_login(coordinator)
    client.post(act(waiting, "waitlist"))
    client.post(act(accepted, "withdraw"))
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED


def test_enrolment_moves_404_for_experts_and_other_trainees_403_for_the_own_trainee(client, expert):
    enrolment = enrolment_in(SeminarFactory())
    other_trainee = TraineeFactory()
    with nothing_changes(Enrolment, Plan):
        client.force_login(expert)
        assert client.post(act(enrolment, "accept")).status_code == 404
        client.force_login(other_trainee)
        assert client.post(act(enrolment, "accept")).status_code == 404
        client.force_login(enrolment.trainee)
        assert client.post(act(enrolment, "accept")).status_code == 403
    enrolment.refresh_from_db()
    assert enrolment.status == S.NOMINATED


def test_unknown_move_is_404(client, coordinator):
    enrolment = enrolment_in(SeminarFactory())
    client.force_login(coordinator)
    with nothing_changes(Enrolment, Plan):
        assert client.post(act(enrolment, "promote")).status_code == 404


def test_moves_need_post(client, coordinator):
    enrolment = enrolment_in(SeminarFactory())
    client.force_login(coordinator)
    with nothing_changes(Enrolment, Plan):
        assert client.get(act(enrolment, "accept")).status_code == 405


def test_next_redirect_stays_on_this_site(client, coordinator):
    enrolment = enrolment_in(SeminarFactory())
    client.force_login(coordinator)
    response = client.post(act(enrolment, "waitlist"), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("trainees:roster")


# --- The trainee's answer to an offer ----------------------------------------------------------


def test_trainee_accepts_the_offer_on_their_page(client):
    offer = OfferedEnrolmentFactory()
    client.force_login(offer.trainee)
    page = client.get(reverse("trainees:offer", args=[offer.pk]))
    assert "Accept the seat" in page.content.decode()
    client.post(reverse("trainees:offer", args=[offer.pk]), {"answer": "accept"})
    offer.refresh_from_db()
    assert offer.status == S.ACCEPTED
    assert Plan.objects.filter(enrolment=offer).exists()


def test_trainee_declines_the_offer(client):
    offer = OfferedEnrolmentFactory()
    client.force_login(offer.trainee)
    client.post(reverse("trainees:offer", args=[offer.pk]), {"answer": "decline"})
    offer.refresh_from_db()
    assert offer.status == S.DECLINED


def test_offer_answer_must_be_accept_or_decline(client):
    offer = OfferedEnrolmentFactory()
    client.force_login(offer.trainee)
    with nothing_changes(Enrolment, Plan):
        response = client.post(reverse("trainees:offer", args=[offer.pk]), {"answer": "maybe"})
    assert response.status_code == 400
    offer.refresh_from_db()
    assert offer.status == S.OFFERED


def test_offer_page_404_for_other_trainees_and_experts_403_for_a_coordinator_acting(
    client, coordinator, expert
):
    offer = OfferedEnrolmentFactory()
    url = reverse("trainees:offer", args=[offer.pk])
    strangers = (TraineeFactory(), expert)
    with nothing_changes(Enrolment, Plan):
        for stranger in strangers:
            client.force_login(stranger)
            assert client.get(url).status_code == 404
            assert client.post(url, {"answer": "accept"}).status_code == 404
        client.force_login(coordinator)
        assert client.get(url).status_code == 200
        assert client.post(url, {"answer": "accept"}).status_code == 403
    offer.refresh_from_db()
    assert offer.status == S.OFFERED


def test_the_trainee_dashboard_shows_the_offer(client):
    offer = OfferedEnrolmentFactory()
    client.force_login(offer.trainee)
    html = client.get("/").content.decode()
    assert "A seat is offered to you until" in html
    assert reverse("trainees:offer", args=[offer.pk]) in html


def test_the_coordinator_dashboard_counts_the_seats(client, coordinator):
    start = timezone.localdate() + timedelta(days=30)
    seminar = SeminarFactory(title="Eco-Town next", start_date=start, end_date=start)
    SeminarFactory(title="Long over", start_date=date(2020, 1, 6), end_date=date(2020, 1, 17))
    enrolment_in(seminar, status=S.ACCEPTED)
    enrolment_in(seminar, status=S.WAITLISTED)
    client.force_login(coordinator)
    html = client.get("/").content.decode()
    assert "1 of 12 seats held · 0 nominated · 1 waitlisted · 0 offers open" in html
    assert "Long over" not in html


def test_offering_free_seats_from_the_roster(client, coordinator):
    seminar = SeminarFactory(capacity=2)
    waiting = enrolment_in(seminar, status=S.WAITLISTED)
    client.force_login(coordinator)
    client.post(reverse("trainees:seats-offer", args=[seminar.pk]))
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED


def test_offering_free_seats_is_refused_to_trainees(client, trainee):
    seminar = SeminarFactory()
    enrolment_in(seminar, status=S.WAITLISTED)
    client.force_login(trainee)
    with nothing_changes(Enrolment):
        assert client.post(reverse("trainees:seats-offer", args=[seminar.pk])).status_code == 403


def test_accepting_past_the_country_limit_warns(client, coordinator):
    seminar = SeminarFactory(country_seat_limit=1)
    enrolment_in(seminar, status=S.ACCEPTED, country="KE")
    second = enrolment_in(seminar, country="KE")
    client.force_login(coordinator)
    response = client.post(act(second, "accept"), follow=True)
    assert messages_of(response) == [
        f"{second.trainee} is accepted; their plan is ready.",
        "Kenya now holds 2 seats, more than the limit of 1.",
    ]


def test_coordinator_nominates_an_existing_trainee_and_sees_the_history(client, coordinator):
    first = enrolment_in(SeminarFactory(title="Eco-Town 2025"), status=S.ACCEPTED)
    next_year = SeminarFactory(title="Eco-Town 2026")
    client.force_login(coordinator)
    url = reverse("trainees:nominate", args=[first.trainee.pk])
    response = client.post(url, {"seminar": next_year.pk}, follow=True)
    assert Enrolment.objects.get(trainee=first.trainee, seminar=next_year).status == S.NOMINATED
    html = response.content.decode()
    assert f"{first.trainee} is nominated to Eco-Town 2026." in html
    assert "nominate → nominated" in html
    with nothing_changes(Enrolment):
        again = client.post(url, {"seminar": next_year.pk}, follow=True)
    assert "is already on the roster of Eco-Town 2026" in again.content.decode()
    assert Enrolment.objects.filter(trainee=first.trainee).count() == 2


def test_nominating_is_refused_to_trainees(client, trainee):
    other = enrolment_in(SeminarFactory())
    client.force_login(trainee)
    url = reverse("trainees:nominate", args=[other.trainee.pk])
    next_year = SeminarFactory()
    with nothing_changes(Enrolment):
        assert client.post(url, {"seminar": next_year.pk}).status_code == 403

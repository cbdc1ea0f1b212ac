"""A waitlisted trainee sees their place and what happens next, on the dashboard and on
"My plan" (no dead end)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import WaitlistedEnrolmentFactory


@pytest.fixture
def third_in_line(db):
    seminar = SeminarFactory()
    now = timezone.now()
    for minutes in (30, 20):
        WaitlistedEnrolmentFactory(seminar=seminar, waitlisted_at=now - timedelta(minutes=minutes))
    mine = WaitlistedEnrolmentFactory(seminar=seminar, waitlisted_at=now - timedelta(minutes=10))
    WaitlistedEnrolmentFactory(seminar=seminar, waitlisted_at=now)
    return mine


@pytest.mark.parametrize("page", ["core:dashboard", "planning_docs:plan-list"])
def test_the_place_on_the_waitlist_and_the_next_step_are_shown(client, third_in_line, page):
    client.force_login(third_in_line.trainee)
    text = client.get(reverse(page)).content.decode()
    assert "You are number 3 of 4 on the waitlist." in text
    assert "you will get an e-mail and have 5 days to accept it" in text.lower()
    assert reverse("trainees:profile") in text
    assert "No plans to show yet." not in text

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planning_docs.models import PlanAssignment
from planning_docs.services import plan_create_for_enrolment
from tests.factories.core import ExpertFactory, UserFactory
from tests.factories.seminars import SeminarFactory
from tests.factories.trainees import enrolment_in
from trainees.models import Enrolment

pytestmark = pytest.mark.django_db
S = Enrolment.Status
ROSTER = reverse("trainees:roster")


def names(response) -> list[str]:
    return [str(e.trainee) for e in response.context["enrolments"]]


def test_roster_permissions_for_each_role(client, coordinator, admin_user, expert, trainee):
    for user, status in ((coordinator, 200), (admin_user, 200), (expert, 403), (trainee, 403)):
        client.force_login(user)
        assert client.get(ROSTER).status_code == status
    client.logout()
    assert client.get(ROSTER)["Location"] == f"/accounts/login/?next={ROSTER}"


def test_roster_filters_by_seminar_status_country_and_name(client, coordinator):
    this_year, last_year = SeminarFactory(), SeminarFactory()
    kwame = enrolment_in(this_year, status=S.ACCEPTED, country="GH")
    kwame.trainee.first_name, kwame.trainee.last_name = "Kwame", "Mensah"
    kwame.trainee.save()
    sokha = enrolment_in(this_year, status=S.NOMINATED, country="KH")
    other = enrolment_in(last_year, status=S.ACCEPTED, country="GH")
    client.force_login(coordinator)

    def ids(**query):
        return sorted(e.pk for e in client.get(ROSTER, query).context["enrolments"])

    assert ids() == sorted([kwame.pk, sokha.pk, other.pk])
    assert ids(seminar=this_year.pk) == sorted([kwame.pk, sokha.pk])
    assert ids(status="accepted") == sorted([kwame.pk, other.pk])
    assert ids(country="GH", seminar=this_year.pk) == [kwame.pk]
    assert ids(q="mensah") == [kwame.pk]
    assert ids(q="kwame mensah") == [kwame.pk]


def test_roster_shows_the_balance_and_warns_at_the_country_limit(client, coordinator):
    seminar = SeminarFactory(country_seat_limit=2)
    enrolment_in(seminar, status=S.ACCEPTED, country="KE")
    enrolment_in(seminar, status=S.ACCEPTED, country="KE")
    enrolment_in(seminar, status=S.ACCEPTED, country="VN")
    enrolment_in(seminar, status=S.NOMINATED, country="KE")
    client.force_login(coordinator)
    response = client.get(ROSTER, {"seminar": seminar.pk})
    balance = response.context["balance"]
    assert (balance.taken, balance.free) == (3, 9)
    assert balance.regions == [("Africa", 2), ("Asia", 1)]
    assert [(c.code, c.seats) for c in balance.countries] == [("KE", 2), ("VN", 1)]
    html = response.content.decode()
    assert "Kenya holds 2 seats, the limit per country" in html
    assert "Kenya has 2 seats already" in html  # beside the nominated Kenyan's accept button


def make_rows(seminar, count):
    expert = ExpertFactory()
    for n in range(count):
        enrolment = enrolment_in(seminar, status=S.ACCEPTED, country=["KE", "VN", "GH"][n % 3])
        plan = plan_create_for_enrolment(enrolment=enrolment, actor=None)
        PlanAssignment.objects.create(plan=plan, expert=expert, role=PlanAssignment.Role.LEAD)
        enrolment_in(seminar, status=S.NOMINATED)


def roster_queries(client, seminar) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ROSTER, {"seminar": seminar.pk})
    assert response.status_code == 200
    return len(queries)


def test_roster_query_count_does_not_grow_with_the_rows(client):
    coordinator = UserFactory(role="coordinator")
    small, large = SeminarFactory(capacity=40), SeminarFactory(capacity=40)
    make_rows(small, 2)
    make_rows(large, 20)
    client.force_login(coordinator)
    roster_queries(client, small)  # warm the session and content-type caches
    assert roster_queries(client, small) == roster_queries(client, large)
    assert roster_queries(client, large) <= 12


def test_roster_shows_lead_expert_names(client, coordinator):
    seminar = SeminarFactory()
    enrolment = enrolment_in(seminar, status=S.ACCEPTED)
    plan = plan_create_for_enrolment(enrolment=enrolment, actor=None)
    lead = ExpertFactory(first_name="Kenji", last_name="Tanaka")
    PlanAssignment.objects.create(plan=plan, expert=lead, role=PlanAssignment.Role.LEAD)
    japanese = ExpertFactory(first_name="裕子", last_name="中村", time_zone="Asia/Tokyo")
    other = enrolment_in(seminar, status=S.ACCEPTED)
    other_plan = plan_create_for_enrolment(enrolment=other, actor=None)
    PlanAssignment.objects.create(plan=other_plan, expert=japanese, role=PlanAssignment.Role.LEAD)
    client.force_login(coordinator)
    response = client.get(ROSTER)
    html = response.content.decode()
    assert "<td>Kenji Tanaka</td>" in html
    assert "<td>中村 裕子</td>" in html  # family name first, as its owner writes it
    assert {row.plan_pk for row in response.context["enrolments"]} == {plan.pk, other_plan.pk}


def test_export_gives_the_filtered_roster_as_csv(client, coordinator):
    seminar = SeminarFactory(title="Eco-Town 2026")
    enrolment = enrolment_in(seminar, status=S.ACCEPTED, country="GH")
    enrolment.trainee.first_name, enrolment.trainee.last_name = "Kwame", "Mensah"
    enrolment.trainee.email = "kwame@example.org"
    enrolment.trainee.save()
    enrolment_in(SeminarFactory(), status=S.ACCEPTED)
    client.force_login(coordinator)
    response = client.get(reverse("trainees:export"), {"seminar": seminar.pk})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "last_name,first_name,email,country,country_name,region,organisation,position,seminar,"
        "status,lead_expert",
        "Mensah,Kwame,kwame@example.org,GH,Ghana,Africa,Ministry of Environment,Officer,"
        "Eco-Town 2026,Accepted,",
    ]


def test_export_is_refused_to_experts(client, expert):
    client.force_login(expert)
    assert client.get(reverse("trainees:export")).status_code == 403


def test_roster_rows_escape_what_people_typed(client, coordinator):
    seminar = SeminarFactory(title="Eco & <Town>")
    enrolment = enrolment_in(seminar, status=S.NOMINATED)
    enrolment.trainee.first_name, enrolment.trainee.last_name = (
        '<script>alert("x")</script>',
        "O'Neil",
    )
    enrolment.trainee.save()
    client.force_login(coordinator)
    html = client.get(ROSTER).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#x27;Neil" in html
    assert "Eco &amp; &lt;Town&gt;" in html


def test_roster_row_buttons_are_the_moves_the_state_allows(client, coordinator):
    seminar = SeminarFactory()
    nominated = enrolment_in(seminar, status=S.NOMINATED)
    accepted = enrolment_in(seminar, status=S.ACCEPTED)
    plan = plan_create_for_enrolment(enrolment=accepted, actor=None)
    client.force_login(coordinator)
    html = client.get(ROSTER).content.decode()

    def act(enrolment, action):
        return reverse("trainees:enrolment-act", args=[enrolment.pk, action])

    for action in ("accept", "waitlist"):
        assert f'formaction="{act(nominated, action)}"' in html
    for action in ("complete", "withdraw"):
        assert f'formaction="{act(nominated, action)}"' not in html
    for action in ("complete", "withdraw"):
        assert f'formaction="{act(accepted, action)}"' in html
    assert f'formaction="{act(accepted, "accept")}"' not in html
    assert f'href="{reverse("planning_docs:plan-assign", args=[plan.pk])}"' in html
    table_form = html.split('id="roster-actions"')[1].split("</form>")[0]
    assert table_form.count('name="csrfmiddlewaretoken"') == 1  # one form for every row's buttons
    assert "<form" not in table_form


def test_roster_row_button_posts_and_comes_back(client, coordinator):
    enrolment = enrolment_in(SeminarFactory(), status=S.NOMINATED)
    client.force_login(coordinator)
    here = f"{ROSTER}?status=nominated"
    response = client.post(
        reverse("trainees:enrolment-act", args=[enrolment.pk, "accept"]), {"next": here}
    )
    enrolment.refresh_from_db()
    assert (enrolment.status, response["Location"]) == (S.ACCEPTED, here)


def test_roster_and_plan_list_write_east_asian_names_family_name_first(client, coordinator):
    """The rows are built from plain values, not users: the names still follow the one rule
    (ecotown.core.names), the roster with the trainee's country, the plan list without."""
    seminar = SeminarFactory()
    japanese = enrolment_in(seminar, status=S.ACCEPTED, country="JP")
    chinese = enrolment_in(seminar, status=S.NOMINATED, country="CN")
    for enrolment, (first, last) in ((japanese, ("太郎", "山田")), (chinese, ("小明", "王"))):
        enrolment.trainee.first_name, enrolment.trainee.last_name = first, last
        enrolment.trainee.time_zone = "Asia/Tokyo" if enrolment is japanese else "Asia/Shanghai"
        enrolment.trainee.save()
    plan_create_for_enrolment(enrolment=japanese, actor=None)
    client.force_login(coordinator)
    roster = client.get(ROSTER).content.decode()
    assert "山田 太郎" in roster  # Japanese: family name first, a space between
    assert "王小明" in roster  # Chinese: family name first, no space
    plans = client.get(reverse("planning_docs:plan-list")).content.decode()
    assert "山田 太郎" in plans  # kanji and Japan's time zone: Japanese


@pytest.mark.parametrize(
    ("language", "any_seminar", "blank"),
    [
        ("ar", "أي حلقة دراسية", "- اختر خيارًا -"),
        ("ja", "すべてのセミナー", "- 選択してください -"),
    ],
)
def test_the_seminar_choices_speak_the_readers_language(
    client, coordinator, language, any_seminar, blank
):
    """The filters' empty choice says "any seminar" in the reader's language, and Django's own
    empty choice of a required select ("- Select an option -", which Django does not translate
    into every language the portal speaks) comes from the portal's catalogues."""
    SeminarFactory()
    coordinator.language = language
    coordinator.save()
    client.force_login(coordinator)
    for url in (ROSTER, reverse("planning_docs:plan-list")):
        page = client.get(url).content.decode()
        assert f'<option value="" selected>{any_seminar}</option>' in page
        assert "Select an option" not in page
    person_form = client.get(reverse("trainees:trainee-create")).content.decode()
    assert f">{blank}</option>" in person_form

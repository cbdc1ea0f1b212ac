"""The roster's rows, rendered in Python (why: ecotown/core/rows.py): the labels, URLs and seat
balance that all rows share are computed once for the page."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django_countries.fields import Country

from ecotown.core import page_sql
from ecotown.core.dates import format_when
from ecotown.core.names import NAME_FIELDS, NamedPerson, display_name
from ecotown.core.rows import e, safe
from ecotown.core.url_templates import UrlTemplate
from trainees.models import Enrolment
from trainees.regions import region_label
from trainees.selectors import Balance, lead_names

ACT = Enrolment.Status

# What a row shows, read as plain values (besides the annotations roster_enrolments adds): fifty
# enrolments made into model instances with their person, profile and seminar cost more than the
# rest of the page.
ROW_VALUES = (
    "pk",
    "status",
    "offer_expires_at",
    "trainee_id",
    "plan_pk",
    "lead_id",
    *(f"trainee__{name}" for name in NAME_FIELDS),
    "trainee__trainee_profile__country",
    "trainee__trainee_profile__organisation",
    "seminar__title",
)


@dataclass(frozen=True)
class _Enrolment:
    """One roster row's values (ROW_VALUES), read as the enrolment's attributes; `country` is
    None when the person has no profile."""

    pk: int
    status: str
    offer_expires_at: datetime | None
    trainee_id: int
    plan_pk: int | None
    lead_id: int | None
    trainee: NamedPerson
    country: str | None
    organisation: str | None
    seminar_title: str

    @classmethod
    def of(cls, values: tuple) -> "_Enrolment":
        pk, status, offer_expires_at, trainee_id, plan_pk, lead_id, *rest = values
        names, (country, organisation, seminar_title) = rest[:-3], rest[-3:]
        return cls(
            pk=pk,
            status=status,
            offer_expires_at=offer_expires_at,
            trainee_id=trainee_id,
            plan_pk=plan_pk,
            lead_id=lead_id,
            trainee=NamedPerson.of(names, country),
            country=country,
            organisation=organisation,
            seminar_title=seminar_title,
        )


@dataclass(frozen=True)
class RowAction:
    label: str
    url: str
    style: str
    whom: str  # read after the label by screen readers: "Accept Amina Diallo"
    is_link: bool = False  # a link to a page (GET) rather than a button of the page's one form


@dataclass(frozen=True)
class RosterRow:
    name: str
    person_url: str
    country: str
    region: str
    organisation: str
    seminar: str
    status: str
    status_label: str
    offer_until: str
    lead: str
    limit_warning: str = ""
    actions: list[RowAction] = field(default_factory=list)


def _urls() -> dict[str, UrlTemplate]:
    act = partial(UrlTemplate, "trainees:enrolment-act", UrlTemplate.ID)
    return {
        "person": UrlTemplate("trainees:person-edit", UrlTemplate.ID),
        "assign": UrlTemplate("planning_docs:plan-assign", UrlTemplate.ID),
        "travel": UrlTemplate("trainees:travel", UrlTemplate.ID),
        **{action: act(action) for action in ("accept", "waitlist", "complete", "withdraw")},
    }


class _Page:
    """What every row of one page shares, computed once: URLs, labels, the seat balance."""

    def __init__(self, balance: Balance | None, leads: dict[int, str]) -> None:
        self.leads = leads
        self.urls = _urls()
        self.labels = {
            "accept": _("Accept"),
            "waitlist": _("Waitlist"),
            "assign": _("Assign experts"),
            "travel": _("Travel"),
            "complete": _("Mark completed"),
            "withdraw": _("Withdraw"),
        }
        self.status_labels = {value: str(label) for value, label in ACT.choices}
        self.for_whom = _("for %(name)s")
        self.at_limit = balance.at_limit_codes if balance else set()
        self.limit = balance.seminar.country_seat_limit if balance else 0
        self._countries: dict[str, tuple[str, str]] = {}

    def country(self, code: str) -> tuple[str, str]:
        """(name, region) of the trainee's country, translated once per page and country."""
        if code not in self._countries:
            self._countries[code] = (str(Country(code=code).name), region_label(code))
        return self._countries[code]


def roster_rows(enrolments: QuerySet[Enrolment], balance: Balance | None) -> list[RosterRow]:
    """One row per enrolment of the page (roster_enrolments, paginated), read as values."""
    rows = [
        _Enrolment.of(values) for values in page_sql.listed(enrolments.values_list(*ROW_VALUES))
    ]
    page = _Page(balance, lead_names(rows))
    return [_row(enrolment, page) for enrolment in rows]


def row_html(row: RosterRow) -> SafeString:
    """One <tr> of the roster; every value through `e`."""
    region = (
        f' <span class="text-body-secondary small">({e(row.region)})</span>' if row.region else ""
    )
    offer = (
        f'<div class="small text-body-secondary">{e(row.offer_until)}</div>'
        if row.offer_until
        else ""
    )
    warning = (
        f'<span class="badge text-bg-warning">{e(row.limit_warning)}</span> '
        if row.limit_warning
        else ""
    )
    actions = "".join(_action_html(action) for action in row.actions)
    return safe(
        f'<tr><td><a href="{e(row.person_url)}">{e(row.name)}</a></td>'
        f"<td>{e(row.country)}{region}</td><td>{e(row.organisation)}</td><td>{e(row.seminar)}</td>"
        f'<td><span class="badge status-{e(row.status)}">{e(row.status_label)}</span>{offer}</td>'
        f'<td>{e(row.lead)}</td><td class="text-end text-nowrap">{warning}{actions}</td></tr>'
    )


def _action_html(action: RowAction) -> str:
    label = f'{e(action.label)}<span class="visually-hidden"> {e(action.whom)}</span>'
    if action.is_link:
        return f'<a class="btn {e(action.style)} btn-sm" href="{e(action.url)}">{label}</a> '
    return (
        f'<button type="submit" formaction="{e(action.url)}" '
        f'class="btn {e(action.style)} btn-sm">{label}</button> '
    )


def _row(enrolment: _Enrolment, page: _Page) -> RosterRow:
    name = display_name(enrolment.trainee)
    has_profile = enrolment.country is not None
    country, region = page.country(enrolment.country or "") if has_profile else ("", "")
    warning = ""
    if has_profile and enrolment.country in page.at_limit and _allows(enrolment, ACT.WAITLISTED):
        warning = _("%(country)s has %(limit)s seats already") % {
            "country": country,
            "limit": page.limit,
        }
    return RosterRow(
        name=name,
        person_url=page.urls["person"].fill(enrolment.trainee_id),
        country=country,
        region=region,
        organisation=enrolment.organisation or "",
        seminar=enrolment.seminar_title,
        status=enrolment.status,
        status_label=page.status_labels[enrolment.status],
        offer_until=_offer_until(enrolment),
        lead=page.leads.get(enrolment.lead_id or 0, ""),
        limit_warning=warning,
        actions=_actions(enrolment, page, name),
    )


def _allows(enrolment: _Enrolment, status: str) -> bool:
    return status in Enrolment.TRANSITIONS.get(Enrolment.Status(enrolment.status), set())


def _offer_until(enrolment: _Enrolment) -> str:
    if enrolment.status != ACT.OFFERED or enrolment.offer_expires_at is None:
        return ""
    when = format_when(timezone.localtime(enrolment.offer_expires_at), "short_datetime")
    return _("until %(when)s") % {"when": when}


def _actions(enrolment: _Enrolment, page: _Page, name: str) -> list[RowAction]:
    """The moves the enrolment's TRANSITIONS allow now, as the row's buttons."""
    urls, labels, pk = page.urls, page.labels, enrolment.pk

    def button(action: str, style: str) -> RowAction:
        return RowAction(labels[action], urls[action].fill(pk), style, name)

    actions = []
    if _allows(enrolment, ACT.WAITLISTED):
        actions += [button("accept", "btn-success"), button("waitlist", "btn-outline-secondary")]
    if _allows(enrolment, ACT.COMPLETED):
        if enrolment.plan_pk:
            whom = page.for_whom % {"name": name}
            assign = urls["assign"].fill(enrolment.plan_pk)
            actions.append(
                RowAction(labels["assign"], assign, "btn-outline-success", whom, is_link=True)
            )
        actions.append(button("complete", "btn-outline-secondary"))
        whom = page.for_whom % {"name": name}
        travel = urls["travel"].fill(pk)
        actions.append(
            RowAction(labels["travel"], travel, "btn-outline-secondary", whom, is_link=True)
        )
    if _allows(enrolment, ACT.WITHDRAWN):
        actions.append(button("withdraw", "btn-outline-danger"))
    return actions

"""The signed-in person, read with their roles in one query on every page.

Django's ModelBackend reads the person by id (a query the ORM spends about 1,000 function calls
to build) and the page then asks for their groups (roles.group_names) in a second. Here both come
from one plain query (why plain: ecotown.core.page_sql): the person's row once per group they are
in, or once with no group. Signing in, passwords and permissions are ModelBackend's own.

What a higher app shows of the person on every page (the unread count of the header) comes in
the same query: the app adds a PersonFact, and reads it back with `fact_of`.

Sessions name the backend that signed their person in; migration core 0011 moved the sessions
of ModelBackend to PersonBackend, so that nobody was signed out by the change.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Model

from ecotown.core import page_sql, roles
from ecotown.core.hooks import Contributions
from ecotown.core.models import User

PATH = "ecotown.core.backends.PersonBackend"


@dataclass(frozen=True)
class PersonFact:
    """A value read with the person: `sql(person_id)` gives a scalar subquery (names only, from
    page_sql) over `person_id`, the SQL of the person's id column."""

    name: str
    sql: Callable[[str], str]

    @classmethod
    def count(
        cls, name: str, model: type[Model], person: str, where: str, test: str
    ) -> "PersonFact":
        """How many rows of `model` name the person in the field `person` and whose field
        `where` passes `test`, SQL written after the column ("IS NULL"; "" for a boolean)."""

        def sql(person_id: str) -> str:
            return (
                f"(SELECT COUNT(*) FROM {page_sql.table(model)}"  # noqa: S608 - names only
                f" WHERE {page_sql.column(model, person)} = {person_id}"
                f" AND {page_sql.column(model, where)} {test})"
            )

        return cls(name, sql)


PERSON_FACTS: Contributions = Contributions("core.person_facts")


def fact_of(user: Any, name: str) -> Any:
    """The fact `name` read with `user` by person_with_roles; None when it was not (a user
    read another way, or a fact no app adds)."""
    return getattr(user, "_person_facts", {}).get(name)


def person_with_roles(user_id: Any) -> User | None:
    """The user with this id, their group names known to roles.group_names; None if none."""
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    rows = list(User.objects.raw(_person_sql(), [pk]))
    if not rows:
        return None
    person = rows[0]
    roles.remember_group_names(person, [row.__dict__["role_group"] for row in rows])
    facts = _facts()
    # The query's own columns are kept aside, not as attributes of the person.
    person._person_facts = {  # type: ignore[attr-defined]
        fact.name: person.__dict__.pop(f"fact_{n}") for n, fact in enumerate(facts)
    }
    del person.__dict__["role_group"]
    return person


@cache
def _facts() -> tuple[PersonFact, ...]:
    return tuple(PERSON_FACTS)


@cache
def _person_sql() -> str:
    member = User.groups.through
    person, group_name = page_sql.column(User, "id"), page_sql.column(Group, "name")
    group_id = page_sql.column(Group, "id")
    member_user, member_group = page_sql.column(member, "user"), page_sql.column(member, "group")
    facts = "".join(f", {fact.sql(f'p.{person}')} AS fact_{n}" for n, fact in enumerate(_facts()))
    # Each column by name, not p.*: a statement kept prepared must not change its columns when a
    # migration adds one to the table.
    columns = ", ".join(
        f"p.{page_sql.column(User, field.name)}" for field in User._meta.concrete_fields
    )
    return page_sql.keep_prepared(
        f"SELECT {columns}, g.{group_name} AS role_group{facts} FROM {page_sql.table(User)} p"  # noqa: S608 - names only
        f" LEFT JOIN {page_sql.table(member)} m ON m.{member_user} = p.{person}"
        f" LEFT JOIN {page_sql.table(Group)} g ON g.{group_id} = m.{member_group}"
        f" WHERE p.{person} = %s"
    )


def active_person(user_id: Any) -> User | None:
    """person_with_roles for a session: a deactivated account is signed out on its next page."""
    person = person_with_roles(user_id)
    return person if person is not None and person.is_active else None


class PersonBackend(ModelBackend):
    """ModelBackend, but the person of each page comes with their roles (active_person)."""

    def get_user(self, user_id: Any) -> User | None:
        return active_person(user_id)

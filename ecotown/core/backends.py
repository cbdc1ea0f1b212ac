"""The signed-in person, read with their roles in one query on every page.

Django's ModelBackend reads the person by id (a query the ORM spends about 1,000 function calls
to build) and the page then asks for their groups (roles.group_names) in a second. Here both come
from one plain query (why plain: ecotown.core.page_sql): the person's row once per group they are
in, or once with no group. Signing in, passwords and permissions are ModelBackend's own.

Sessions name the backend that signed their person in; migration core 0011 moved the sessions
of ModelBackend to PersonBackend, so that nobody was signed out by the change.
"""

from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from ecotown.core import page_sql, roles
from ecotown.core.models import User

PATH = "ecotown.core.backends.PersonBackend"


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
    del person.__dict__["role_group"]  # a column of the query, not of the person
    return person


@cache
def _person_sql() -> str:
    member = User.groups.through
    person, group_name = page_sql.column(User, "id"), page_sql.column(Group, "name")
    group_id = page_sql.column(Group, "id")
    member_user, member_group = page_sql.column(member, "user"), page_sql.column(member, "group")
    return (
        f"SELECT p.*, g.{group_name} AS role_group FROM {page_sql.table(User)} p"  # noqa: S608 - names only
        f" LEFT JOIN {page_sql.table(member)} m ON m.{member_user} = p.{person}"
        f" LEFT JOIN {page_sql.table(Group)} g ON g.{group_id} = m.{member_group}"
        f" WHERE p.{person} = %s"
    )


class PersonBackend(ModelBackend):
    """ModelBackend, but the person of each page comes with their roles (person_with_roles)."""

    def get_user(self, user_id: Any) -> User | None:
        person = person_with_roles(user_id)
        return person if person is not None and self.user_can_authenticate(person) else None

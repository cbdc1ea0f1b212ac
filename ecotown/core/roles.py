"""The portal's roles. Each is a Django group created by a data migration; admin is a superuser."""

from collections.abc import Iterable
from functools import cache
from typing import Any

from django.utils.translation import gettext_lazy as _

from ecotown.core import page_sql

COORDINATOR = "coordinator"
EXPERT = "expert"
TRAINEE = "trainee"
# A trainee's colleague who writes one plan with them (planning_docs.PlanCoauthor says which).
COAUTHOR = "coauthor"

ROLE_GROUPS = (COORDINATOR, EXPERT, TRAINEE, COAUTHOR)
ROLE_LABELS = {
    COORDINATOR: _("Coordinator"),
    EXPERT: _("Expert"),
    TRAINEE: _("Trainee"),
    COAUTHOR: _("Co-author"),
}


def group_names(user: Any) -> frozenset[str]:
    """The user's group names, read once per request object (users are rebuilt each request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_group_names", None)
    if cached is None:
        cached = frozenset(name for (name,) in page_sql.rows(_group_names_sql(), [user.pk]))
        user._role_group_names = cached
    return cached


def remember_group_names(user: Any, names: Iterable[str | None]) -> None:
    """Group names read with the user's own row (ecotown.core.backends): not asked again."""
    user._role_group_names = frozenset(name for name in names if name is not None)


@cache
def _group_names_sql() -> str:
    from django.contrib.auth import get_user_model  # roles is imported before the models load
    from django.contrib.auth.models import Group

    member = get_user_model().groups.through
    name, group_id = page_sql.column(Group, "name"), page_sql.column(Group, "id")
    member_group, member_user = page_sql.column(member, "group"), page_sql.column(member, "user")
    return (
        f"SELECT g.{name} FROM {page_sql.table(Group)} g"  # noqa: S608 - names only
        f" JOIN {page_sql.table(member)} m ON m.{member_group} = g.{group_id}"
        f" WHERE m.{member_user} = %s"
    )


def role_of(user: Any) -> str | None:
    """The role whose dashboard and menu a user sees. A superuser works as a coordinator."""
    if not user.is_authenticated:
        return None
    names = group_names(user)
    if user.is_superuser or COORDINATOR in names:
        return COORDINATOR
    if EXPERT in names:
        return EXPERT
    if TRAINEE in names:
        return TRAINEE
    if COAUTHOR in names:
        return COAUTHOR
    return None


def active_coordinators() -> list[Any]:
    """Every coordinator who may still sign in: the readers of what concerns all plans."""
    from django.contrib.auth import get_user_model  # roles is imported before the models load

    return list(get_user_model().objects.filter(groups__name=COORDINATOR, is_active=True))

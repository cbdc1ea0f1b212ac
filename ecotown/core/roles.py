"""The portal's roles. Each is a Django group created by a data migration; admin is a superuser."""

from typing import Any

from django.utils.translation import gettext_lazy as _

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
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_group_names = cached
    return cached


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

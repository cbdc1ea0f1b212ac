"""Role predicates shared by every app. Object predicates live in each app's rules.py."""

import rules

from ecotown.core import roles
from ecotown.core.types import AnyUser


@rules.predicate
def is_coordinator(user: AnyUser) -> bool:
    return roles.role_of(user) == roles.COORDINATOR


@rules.predicate
def is_expert(user: AnyUser) -> bool:
    return roles.EXPERT in roles.group_names(user)


@rules.predicate
def is_trainee(user: AnyUser) -> bool:
    return roles.TRAINEE in roles.group_names(user)


rules.add_perm("core.view_dashboard", rules.is_authenticated)

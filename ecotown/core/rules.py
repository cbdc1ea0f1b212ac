"""Role predicates shared by every app. Object predicates live in each app's rules.py."""

import rules

from ecotown.core import roles


@rules.predicate
def is_coordinator(user) -> bool:
    return roles.role_of(user) == roles.COORDINATOR


@rules.predicate
def is_expert(user) -> bool:
    return roles.EXPERT in roles.group_names(user)


@rules.predicate
def is_trainee(user) -> bool:
    return roles.TRAINEE in roles.group_names(user)


rules.add_perm("core.view_dashboard", rules.is_authenticated)

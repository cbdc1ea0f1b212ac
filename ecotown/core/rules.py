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
rules.add_perm("core.view_audit_log", is_coordinator)

# Permissions that belong to one person (writing into one's own plan, answering a seat offer
# made to oneself). Django grants a superuser every permission without asking the backends;
# User.has_perm asks only the rule for these, so that the operator's account does not act as
# a trainee.
PERSONAL_PERMISSIONS: set[str] = set()


def add_personal_perm(name: str, predicate: rules.Predicate) -> None:
    """Declare a permission that only its predicate grants, to a superuser too."""
    rules.add_perm(name, predicate)
    PERSONAL_PERMISSIONS.add(name)

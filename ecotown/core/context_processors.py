from typing import Any

from django.http import HttpRequest

from ecotown.core import roles


def roles_context(request: HttpRequest) -> dict[str, Any]:
    role = roles.role_of(request.user) if hasattr(request, "user") else None
    return {
        "role": role,
        "role_label": roles.ROLE_LABELS.get(role, "") if role else "",
        "is_coordinator": role == roles.COORDINATOR,
        "is_expert": role == roles.EXPERT,
        "is_trainee": role == roles.TRAINEE,
        "is_coauthor": role == roles.COAUTHOR,
    }

"""The dashboard is made of panels contributed by each app's `dashboard.py`.

An app adds a panel by defining `panels(request, role) -> list[Panel]`; the core knows no app.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.http import HttpRequest

from ecotown.core import roles


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def panels_for(request: HttpRequest, role: str | None) -> list[Panel]:
    collected: list[Panel] = []
    for app_config in apps.get_app_configs():
        try:
            module = import_module(f"{app_config.name}.dashboard")
        except ModuleNotFoundError as error:
            if error.name != f"{app_config.name}.dashboard":
                raise
            continue
        collected.extend(module.panels(request, role))
    return sorted(collected, key=lambda panel: panel.order)


def panels(request: HttpRequest, role: str | None) -> list[Panel]:
    """The core's own panel: a welcome with the role's first steps."""
    return [Panel("core/_panel_welcome.html", {"role": role, "roles": roles}, order=0)]

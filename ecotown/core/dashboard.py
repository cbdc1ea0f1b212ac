"""The dashboard is made of panels contributed by each app's `dashboard.py`.

An app adds a panel by defining `panels(request, role) -> list[Panel]`; the core knows no app.
"""

from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.http import HttpRequest

from ecotown.core import roles


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


@cache
def _panel_modules() -> tuple[ModuleType, ...]:
    """Each installed app's `dashboard` module, found once per process: looking for a module
    that is not there searches the whole import path, for each of some thirty apps."""
    found = []
    for app_config in apps.get_app_configs():
        try:
            found.append(import_module(f"{app_config.name}.dashboard"))
        except ModuleNotFoundError as error:
            if error.name != f"{app_config.name}.dashboard":
                raise
    return tuple(found)


def panels_for(request: HttpRequest, role: str | None) -> list[Panel]:
    collected = [panel for module in _panel_modules() for panel in module.panels(request, role)]
    return sorted(collected, key=lambda panel: panel.order)


def panels(request: HttpRequest, role: str | None) -> list[Panel]:
    """The core's own panel: a welcome with the role's first steps."""
    return [Panel("core/_panel_welcome.html", {"role": role, "roles": roles}, order=0)]

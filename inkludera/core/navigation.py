"""The menu, the start page and other pages that several apps contribute to.

Each app may have a `navigation.py` with any of these hooks:

    def items(membership) -> list[NavItem]      # what this role can open (menu and start page)
    def public_items() -> list[NavItem]         # for everyone, signed in or not
    def panel(request, membership) -> str       # HTML for that role's start page
    def profile_section(request, profile) -> str  # HTML on an ASF's public profile

    PANEL_MODELS = ("app.model", ...)           # what the panel shows: keep it (below)

Apps are asked in INSTALLED_APPS order, so the menu reads in the order of the domain.

A panel whose module names its models in `PANEL_MODELS` is kept in the page cache
(`core/pagecache.py`) per membership, under those models' versions: a change shows at
once. Panels also depend on the clock (today's bookings, upcoming events), so a kept
panel is used within the same minute only.
"""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest

from inkludera.core import pagecache

PANEL_SECONDS = 60


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    icon: str = ""
    description: str = ""
    in_menu: bool = True


@cache
def _modules() -> tuple[ModuleType, ...]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("inkludera.") or config.name == "inkludera.core":
            continue
        name = f"{config.name}.navigation"
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return tuple(found)


def collect(hook: str, *args: Any) -> list[Any]:
    """Call `hook(*args)` in every app that has it; join lists, keep strings whole."""
    result: list[Any] = []
    for module in _modules():
        function = getattr(module, hook, None)
        if function is None:
            continue
        value = function(*args)
        if isinstance(value, str):
            result.append(value)
        elif value:
            result.extend(value)
    return result


def panels(request: HttpRequest, membership: Any) -> list[str]:
    """Every app's start-page panel for this membership (see the module docstring)."""
    minute = int(time.time() // PANEL_SECONDS)
    labels = sorted({label for m in _modules() for label in getattr(m, "PANEL_MODELS", ())})
    cached = settings.PAGE_CACHE
    versions = dict(zip(labels, pagecache.model_versions(labels), strict=True)) if cached else {}
    found = []
    for module in _modules():
        function = getattr(module, "panel", None)
        if function is None:
            continue
        models = getattr(module, "PANEL_MODELS", None)
        if models is None or not cached:
            html = function(request, membership)
        else:
            html = pagecache.fragment(
                request,
                ("panel", module.__name__, membership.pk, minute, *(versions[m] for m in models)),
                lambda function=function: function(request, membership),
                depends_on=(),  # the versions are in the key
            )
        if html:
            found.append(html)
    return found


def track_panel_models() -> None:
    """Declare every panel's models to the page cache (from CoreConfig.ready)."""
    for module in _modules():
        pagecache.track(*getattr(module, "PANEL_MODELS", ()))

"""The menu, the start page and other pages that several apps contribute to.

Each app may have a `navigation.py` with any of these hooks:

    def items(membership) -> list[NavItem]      # what this role can open (menu and start page)
    def public_items() -> list[NavItem]         # for everyone, signed in or not
    def panel(request, membership) -> str       # HTML for that role's start page
    def profile_section(request, profile) -> str  # HTML on an ASF's public profile

Apps are asked in INSTALLED_APPS order, so the menu reads in the order of the domain.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from django.apps import apps


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

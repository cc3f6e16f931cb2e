"""Whole public pages cached for visitors who are not signed in, and never stale.

A public page (the directory, an ASF's profile) is the same for every anonymous visitor
with the same language and address, so its HTML is kept and served again without
running the view. Correctness comes from a version number in the shared cache: every
save or delete of a model in `PUBLIC_APPS` bumps it (signals below), and a kept page is
used only while the version it was made under is still current. Web servers agree because
the version lives in the shared cache (database or Redis); the pages themselves are kept
per process (a small LRU), which is safe because they are keyed by that version.

Only plain GETs from visitors without a session or messages are served from the cache;
the CSRF token in a kept page is replaced by a fresh one for each visitor.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from threading import Lock
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# Apps whose data appears on public pages.
PUBLIC_APPS = {"accounts", "directory", "events", "impact", "bookings", "planning", "orders"}
VERSION_KEY = "pagecache:version"
TOKEN_MARK = "\x00csrf\x00"  # noqa: S105 - a placeholder, not a secret
MAX_PAGES = 500
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_pages: OrderedDict[tuple[Any, ...], tuple[bytes, dict[str, str]]] = OrderedDict()
_lock = Lock()


def current_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def bump() -> None:
    """Public data changed: every kept page is out of date."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (a fresh cache): nothing kept can be current
        cache.add(VERSION_KEY, 1, timeout=None)


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def public_page(
    view: Callable[..., HttpResponse] | None = None, *, fresh_for: int | None = None
) -> Any:
    """Serve the view's page from the cache for anonymous visitors (see module docstring).

    `@public_page(fresh_for=300)` is for pages that also depend on the time (free times): a
    kept page is used for at most that many seconds, whatever the data version.
    """
    if view is None:
        return lambda v: _public_page(v, fresh_for)
    return _public_page(view, fresh_for)


def _public_page(
    view: Callable[..., HttpResponse], fresh_for: int | None
) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = (
            current_version(),
            int(time.time() // fresh_for) if fresh_for else 0,
            get_language(),
            bool(request.headers.get("HX-Request")),
            request.get_full_path(),
        )
        with _lock:
            kept = _pages.get(key)
            if kept is not None:
                _pages.move_to_end(key)
        if kept is not None:
            return _from_kept(request, *kept)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            _keep(key, response)
        return response

    return wrapper


def fragment(request: HttpRequest, key: tuple[Any, ...], render: Callable[[], str]) -> Any:
    """A part of a signed-in page that is the same for everyone allowed to see it (the
    week board for an ASF's planners): kept under the data version like a public page.
    The caller checks access first; the CSRF token is the viewer's own."""
    if not settings.PAGE_CACHE:
        return mark_safe(render())
    full_key = ("fragment", current_version(), get_language(), *key)
    with _lock:
        kept = _pages.get(full_key)
    if kept is None:
        html = render()
        found = _TOKEN.search(html)
        stored = html.replace(found.group(1), TOKEN_MARK) if found else html
        with _lock:
            _pages[full_key] = (stored.encode(), {})
            while len(_pages) > MAX_PAGES:
                _pages.popitem(last=False)
        return mark_safe(html)
    html = kept[0].decode().replace(TOKEN_MARK, get_token(request))
    return mark_safe(html)


def _keep(key: tuple[Any, ...], response: HttpResponse) -> None:
    content = response.content.decode()
    found = _TOKEN.search(content)
    if found:
        content = content.replace(found.group(1), TOKEN_MARK)
    headers = {k: v for k, v in response.headers.items() if k.lower() != "set-cookie"}
    with _lock:
        _pages[key] = (content.encode(), headers)
        while len(_pages) > MAX_PAGES:
            _pages.popitem(last=False)


def _from_kept(request: HttpRequest, content: bytes, headers: dict[str, str]) -> HttpResponse:
    if TOKEN_MARK.encode() in content:
        content = content.replace(TOKEN_MARK.encode(), get_token(request).encode())
    response = HttpResponse(content)
    for name, value in headers.items():
        response.headers[name] = value
    return response


def clear() -> None:
    """Forget the pages this process keeps (tests start from a clean state)."""
    with _lock:
        _pages.clear()


def _changed(sender: type, using: str = "default", **kwargs: Any) -> None:
    """Bump once the change is committed, once per transaction however many rows changed.

    Bumping before the commit would let a page rendered from the old data be kept under
    the new version.
    """
    if sender._meta.app_label not in PUBLIC_APPS:  # type: ignore[attr-defined]
        return
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        func is bump for _sids, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(bump, using=using)


post_save.connect(_changed, dispatch_uid="pagecache-save")
post_delete.connect(_changed, dispatch_uid="pagecache-delete")
m2m_changed.connect(_changed, dispatch_uid="pagecache-m2m")

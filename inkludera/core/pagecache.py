"""Pages and parts of pages kept and served again, and never stale.

A public page (the directory, an ASF's profile) is the same for every anonymous visitor
with the same language and address, so its HTML is kept and served again without
running the view. Correctness comes from a version in the shared cache: every committed
save or delete of a model in `PUBLIC_APPS` gives it a new value (signals below), and a
kept page is used only while the version it was made under is still current. Web servers
agree because the version lives in the shared cache (database or Redis); the pages
themselves are kept per process (a small LRU), which is safe because they are keyed by
that version.

Signed-in pages keep parts with `remember` (any value) or `fragment` (HTML), keyed by
the versions of the models the part shows (`depends_on`). Those models are declared with
`track()` in their app's `ready()`, so every process (web and task worker) moves their
version when one of them changes.

A version is a random number, written anew on every change, never incremented: two
changes at once cannot leave it at a value a kept page was made under, and a version the
cache lost (culled, flushed) comes back as a value never used before.

Only plain GETs from visitors without a session or messages are served from the cache;
the CSRF token in a kept page or fragment is replaced by the viewer's own. For those
anonymous pages a process looks the public version up at most once per
`PAGE_CACHE_RECHECK_SECONDS` (1 s): a change made through this process shows at once,
one made through another server within that second. Signed-in parts look their versions
up on every request, so people always see their own changes.
"""

from __future__ import annotations

import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import wraps
from threading import Lock
from typing import Any, TypeVar

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
MODEL_KEY = "pagecache:model:{}"
TOKEN_MARK = "\x00csrf\x00"  # noqa: S105 - a placeholder, not a secret
MAX_PAGES = 500
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_pages: OrderedDict[tuple[Any, ...], tuple[Any, dict[str, str]]] = OrderedDict()
_lock = Lock()
_tracked: set[str] = set()
T = TypeVar("T")


def _new_version() -> int:
    return secrets.randbits(62)


# When this process last looked the public version up, and what it found.
_seen: list[Any] = [0.0, None]


def current_version(*, max_age: float = 0) -> int:
    """The public version; `max_age` > 0 accepts one this process saw that many seconds ago."""
    if max_age and _seen[1] is not None and time.monotonic() - _seen[0] < max_age:
        return int(_seen[1])
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    _seen[:] = [time.monotonic(), version]
    return int(version)


def bump() -> None:
    """Public data changed: every kept page is out of date."""
    version = _new_version()
    cache.set(VERSION_KEY, version, timeout=None)
    _seen[:] = [time.monotonic(), version]


def track(*labels: str) -> None:
    """Keep a version for these models ("app_label.modelname"), moved on every change.

    Call it from the app's `AppConfig.ready()`, so that every process tracks them."""
    _tracked.update(label.lower() for label in labels)


def model_versions(labels: Iterable[str]) -> tuple[int, ...]:
    """The current versions of these tracked models, in one cache round trip."""
    keys = []
    for label in labels:
        if label.lower() not in _tracked:
            raise ValueError(f"{label} is not tracked: call pagecache.track() in ready()")
        keys.append(MODEL_KEY.format(label.lower()))
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, _new_version(), timeout=None)
            found[key] = cache.get(key)
    return tuple(int(found[key]) for key in keys)


def bump_model(label: str) -> None:
    cache.set(MODEL_KEY.format(label), _new_version(), timeout=None)


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
            current_version(max_age=settings.PAGE_CACHE_RECHECK_SECONDS),
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


def remember(
    key: tuple[Any, ...], build: Callable[[], T], *, depends_on: Iterable[str] | None = None
) -> T:
    """`build()`, or what it gave before under the same data versions and language.

    `depends_on` names the tracked models the value is made from; without it, the value
    follows the public version; `()` means the key itself holds the versions. The key
    must hold everything else the value depends on (the organisation, the viewer where it
    matters, the date). The caller checks access first. Keep values small and do not
    change them: they are shared within the process.
    """
    if not settings.PAGE_CACHE:
        return build()
    version = current_version() if depends_on is None else model_versions(depends_on)
    full_key = ("kept", version, get_language(), *key)
    with _lock:
        found = full_key in _pages
        if found:
            _pages.move_to_end(full_key)
            value = _pages[full_key][0]
    if found:
        return value  # type: ignore[return-value]
    value = build()
    with _lock:
        _pages[full_key] = (value, {})  # type: ignore[assignment]
        while len(_pages) > MAX_PAGES:
            _pages.popitem(last=False)
    return value


def fragment(
    request: HttpRequest,
    key: tuple[Any, ...],
    render: Callable[[], str],
    *,
    depends_on: Iterable[str] | None = None,
) -> Any:
    """A part of a signed-in page, kept like `remember`; the CSRF token is the viewer's."""

    def build() -> str:
        html = render()
        found = _TOKEN.search(html)
        return html.replace(found.group(1), TOKEN_MARK) if found else html

    html = remember(("fragment", *key), build, depends_on=depends_on)
    if TOKEN_MARK in html:
        html = html.replace(TOKEN_MARK, get_token(request))
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
        _seen[:] = [0.0, None]


def _changed(sender: type, using: str = "default", **kwargs: Any) -> None:
    """Bump once the change is committed, once per transaction however many rows changed.

    Bumping before the commit would let a page rendered from the old data be kept under
    the new version. A sign-in (only `last_login` saved) changes nothing shown.
    """
    if kwargs.get("update_fields") == frozenset({"last_login"}):
        return
    meta = sender._meta  # type: ignore[attr-defined]
    if meta.app_label in PUBLIC_APPS:
        _on_commit_once(bump, using)
    if meta.label_lower in _tracked:
        _on_commit_once(_ModelBump(meta.label_lower), using)


class _ModelBump:
    """`bump_model(label)` as a callable that equals another for the same label."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __call__(self) -> None:
        bump_model(self.label)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ModelBump) and other.label == self.label

    def __hash__(self) -> int:
        return hash(self.label)


def _on_commit_once(func: Callable[[], None], using: str) -> None:
    connection = transaction.get_connection(using)
    if connection.in_atomic_block and any(
        pending == func for _sids, pending, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(func, using=using)


post_save.connect(_changed, dispatch_uid="pagecache-save")
post_delete.connect(_changed, dispatch_uid="pagecache-delete")
m2m_changed.connect(_changed, dispatch_uid="pagecache-m2m")

"""Public pages are served from the cache to anonymous visitors, and never stale."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inkludera.accounts.tests.factories import make_asf
from inkludera.core import pagecache


def _without_tokens(response) -> str:
    return re.sub(
        r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", response.content.decode()
    )


@pytest.fixture
def cached(settings):
    settings.PAGE_CACHE = True
    pagecache.clear()
    yield
    pagecache.clear()


@pytest.mark.django_db(transaction=True)
def test_a_kept_page_runs_no_query_and_a_change_shows_at_once(client, cached, karlskrona):
    asf = make_asf("KASAK", karlskrona, slug="kasak")
    first = client.get("/directory/")
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/directory/")
    assert _without_tokens(again) == _without_tokens(first)
    assert len(queries) == 0  # locmem cache: the version lookup is not a database query
    profile = asf
    profile.summary = "Nu med trädgårdsskötsel"
    profile.save()  # committed at once (transaction=True): the version moves
    assert "Nu med trädgårdsskötsel" in client.get("/directory/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_each_visitor_gets_a_csrf_token_of_their_own(client, cached, karlskrona):
    make_asf("KASAK", karlskrona, slug="kasak")
    client.get("/directory/")
    other = type(client)()
    page = other.get("/directory/").content.decode()
    assert pagecache.TOKEN_MARK not in page
    assert "csrftoken" in other.cookies


@pytest.mark.django_db(transaction=True)
def test_signed_in_people_get_a_fresh_page(client, cached, asf_manager):
    client.get("/directory/")
    client.force_login(asf_manager)
    with CaptureQueriesContext(connection) as queries:
        client.get("/directory/")
    assert len(queries) > 0


@pytest.mark.django_db
def test_many_changes_in_one_transaction_bump_once_after_commit(karlskrona):
    make_asf("KASAK", karlskrona, slug="kasak")
    make_asf("Returen", karlskrona, slug="returen")
    pending = [func for _ids, func, _robust in connection.run_on_commit]
    assert pending.count(pagecache.bump) == 1


def test_a_page_that_depends_on_the_time_is_kept_only_so_long(cached, rf, monkeypatch):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    calls = []

    @pagecache.public_page(fresh_for=300)
    def view(request):  # type: ignore[no-untyped-def]
        calls.append(1)
        return HttpResponse("free times")

    request = rf.get("/times/")
    request.user = AnonymousUser()
    monkeypatch.setattr(pagecache, "current_version", lambda: 1)
    monkeypatch.setattr(pagecache.time, "time", lambda: 1000.0)
    view(request)
    view(request)
    monkeypatch.setattr(pagecache.time, "time", lambda: 1300.0)
    view(request)
    assert len(calls) == 2


@pytest.mark.django_db(transaction=True)
def test_a_kept_fragment_gets_the_viewers_own_token(settings, rf, cached):
    from django.contrib.auth.models import AnonymousUser
    from django.middleware.csrf import get_token

    calls = []

    def render_it(request):  # type: ignore[no-untyped-def]
        calls.append(1)
        return f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">'

    first, second = rf.get("/"), rf.get("/")
    for request in (first, second):
        request.user = AnonymousUser()
    one = pagecache.fragment(first, ("board", 1), lambda: render_it(first))
    two = pagecache.fragment(second, ("board", 1), lambda: render_it(second))
    assert len(calls) == 1
    assert one != two
    assert get_token(second)[:0] == ""
    assert pagecache.TOKEN_MARK not in two

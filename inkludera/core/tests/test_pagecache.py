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
def test_a_change_through_another_server_shows_to_visitors_within_a_second(
    client, cached, karlskrona, monkeypatch
):
    from django.core.cache import cache

    asf = make_asf("KASAK", karlskrona, slug="kasak")
    client.get("/directory/")
    clock = [1000.0]
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: clock[0])
    pagecache._seen[:] = [clock[0], pagecache.current_version()]
    # Another server saves the change: the shared version moves, this process has not
    # looked yet (the save is made here without signals, as if elsewhere).
    type(asf).objects.filter(pk=asf.pk).update(summary="Nu med trädgårdsskötsel")
    cache.set(pagecache.VERSION_KEY, pagecache._new_version(), timeout=None)
    assert "Nu med trädgårdsskötsel" not in client.get("/directory/").content.decode()
    clock[0] += 1.5  # past PAGE_CACHE_RECHECK_SECONDS
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
    monkeypatch.setattr(pagecache, "current_version", lambda **_: 1)
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


# --- parts of signed-in pages, kept under the versions of the models they show ---------


def _counting(calls: list[int], value: str = "part"):  # type: ignore[no-untyped-def]
    def build() -> str:
        calls.append(1)
        return value

    return build


@pytest.mark.django_db(transaction=True)
def test_a_kept_part_is_made_again_when_a_model_it_shows_changes(cached, karlskrona):
    from inkludera.accounts.tests.factories import make_organisation

    calls: list[int] = []
    build = _counting(calls)
    depends = ("accounts.organisation",)
    pagecache.remember(("part",), build, depends_on=depends)
    pagecache.remember(("part",), build, depends_on=depends)
    assert len(calls) == 1
    make_organisation("Returen", "asf")  # committed: the version of accounts.organisation moves
    pagecache.remember(("part",), build, depends_on=depends)
    assert len(calls) == 2


@pytest.mark.django_db(transaction=True)
def test_a_change_to_another_model_keeps_the_part(cached, karlskrona, kasak):
    from inkludera.placements.tests.factories import make_agreement

    calls: list[int] = []
    build = _counting(calls)
    pagecache.remember(("part",), build, depends_on=("orders.order",))
    make_agreement(kasak, karlskrona.organisation)
    pagecache.remember(("part",), build, depends_on=("orders.order",))
    assert len(calls) == 1


def test_a_part_may_only_depend_on_tracked_models(cached):
    with pytest.raises(ValueError, match="not tracked"):
        pagecache.remember(("part",), lambda: "x", depends_on=("core.periodicjob",))


@pytest.mark.django_db(transaction=True)
def test_signing_in_moves_no_version(cached, asf_manager):
    from django.utils import timezone

    before = pagecache.model_versions(["accounts.user"]), pagecache.current_version()
    asf_manager.last_login = timezone.now()
    asf_manager.save(update_fields=["last_login"])
    assert (pagecache.model_versions(["accounts.user"]), pagecache.current_version()) == before
    asf_manager.name = "Ny Chef"
    asf_manager.save()
    assert pagecache.model_versions(["accounts.user"]) != before[0]


def test_a_version_the_cache_lost_never_brings_back_a_kept_part(cached):
    from django.core.cache import cache

    calls: list[int] = []
    build = _counting(calls)
    pagecache.remember(("part",), build, depends_on=("orders.order",))
    cache.clear()  # the shared cache culled or flushed: the versions are gone
    pagecache.remember(("part",), build, depends_on=("orders.order",))
    assert len(calls) == 2


@pytest.mark.django_db
def test_many_rows_of_a_model_in_one_transaction_move_its_version_once(kasak, karlskrona):
    from inkludera.placements.tests.factories import make_agreement

    make_agreement(kasak, karlskrona.organisation)
    make_agreement(kasak, karlskrona.organisation, places=4)
    pending = [func for _ids, func, _robust in connection.run_on_commit]
    assert pending.count(pagecache._ModelBump("placements.agreement")) == 1

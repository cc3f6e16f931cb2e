"""Every migration can be undone: upgrades can be rolled back on a live database."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython, RunSQL

OUR_APPS = [c.label for c in apps.get_app_configs() if c.name.startswith("inkludera.")]


def _our_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return [m for key, m in loader.disk_migrations.items() if key[0] in OUR_APPS]


def test_every_data_migration_says_how_to_undo_it():
    for migration in _our_migrations():
        for operation in migration.operations:
            if isinstance(operation, RunPython | RunSQL):
                assert operation.reversible, f"{migration.app_label}.{migration.name}"


@pytest.mark.django_db(transaction=True)
def test_the_latest_migration_of_every_app_unapplies_and_applies_again(karlskrona):
    """What an upgrade deploys can be rolled back on a database with data, and redone."""
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    targets = []
    for app, name in graph.leaf_nodes():
        if app not in OUR_APPS:
            continue
        parents = [p for p in graph.node_map[(app, name)].parents if p.key[0] == app]
        if parents:  # an initial migration is no upgrade: undoing it drops the app
            targets.append(parents[0].key)
    executor.migrate(targets)
    executor.loader.build_graph()
    assert executor.migration_plan(graph.leaf_nodes())  # something is now unapplied
    call_command("migrate", verbosity=0)
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []

"""Rows that data migrations create (the role groups, the default plan template).

A flushed database (a benchmark's fresh start, a transactional test) keeps its migrations marked
as applied but loses these rows; this puts them back by running the migrations' own functions.
"""

from importlib import import_module

from django.apps import apps

REFERENCE_DATA_MIGRATIONS = [
    ("ecotown.core.migrations.0002_role_groups", "create_groups"),
    ("ecotown.core.migrations.0006_coauthor_group", "create_group"),
    ("planning_docs.migrations.0003_default_eco_town_template", "create_template"),
    ("reviews.migrations.0003_default_rubric", "add_rubric"),
]


def restore_reference_rows() -> None:
    for module, function in REFERENCE_DATA_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)

"""Full-text search of the library: one function, two backends, chosen by the database.

PostgreSQL matches `LibraryEntry.search_vector` (GIN-indexed) with `websearch_to_tsquery`, ranked.
SQLite (the embedded default of `make run`) matches the FTS5 table the migration keeps in step
with the entries. Both use the language-neutral configuration ("simple" / unicode61): plans are
written in many languages, and a stemmer of one would mangle the others.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

from pilots.models import LibraryEntry
from planning_docs.models import Plan

CONFIG = "simple"
# The words of a query: letters and digits of any script; everything else (quotes, operators,
# column filters) is dropped, so that no input can be FTS5 syntax.
WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12


def fts5_query(text: str) -> str:
    """An FTS5 MATCH expression finding entries that hold every word of `text` (each quoted,
    so taken as a plain word); empty when `text` has none."""
    words = WORD.findall(text or "")[:MAX_WORDS]
    return " ".join(f'"{word}"' for word in words)


# The entry ids an FTS5 MATCH finds; its one parameter is `fts5_query`'s expression.
FTS5_SELECT = "SELECT rowid FROM pilots_library_fts WHERE pilots_library_fts MATCH %s"


def vector_refresh(entry_ids: list[int], using: str = "default") -> None:
    """Compute the stored search vectors of these entries (PostgreSQL; SQLite's triggers keep
    its FTS5 table in step on their own)."""
    if connections[using].vendor == "postgresql":
        LibraryEntry.objects.using(using).filter(pk__in=entry_ids).update(
            search_vector=SearchVector("text", config=CONFIG)
        )


def plans_matching(plans: QuerySet[Plan], text: str) -> QuerySet[Plan]:
    """`plans` narrowed to those whose approved version's text holds the words of `text`, best
    match first on PostgreSQL; all of them when `text` has no words."""
    if not WORD.search(text or ""):
        return plans
    vendor = connections[plans.db].vendor
    if vendor == "postgresql":
        query = SearchQuery(text, config=CONFIG, search_type="websearch")
        return (
            plans.filter(library_entry__search_vector=query)
            .annotate(rank=SearchRank(F("library_entry__search_vector"), query))
            .order_by("-rank", *plans.query.order_by)
        )
    if vendor == "sqlite":
        # A constant statement; the words go in as a bound parameter.
        matched = RawSQL(FTS5_SELECT, [fts5_query(text)])  # noqa: S611
        return plans.filter(library_entry__in=matched)
    # Another database: a plain substring match, slow but right.
    return plans.filter(library_entry__text__icontains=text)

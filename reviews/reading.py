"""The reading view: the version waiting for review as its PDF reads it, section by section in
the template's order, each comment thread beside the passage it quotes, and what changed since
this reader's last review (unchanged sections folded)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from ecotown.core.models import User
from ecotown.core.names import lang_of_person
from planning_docs.diff import SectionDiff, stored_versions_diff
from planning_docs.models import Plan, PlanVersion
from planning_docs.versions import newest_version
from reviews import selectors
from reviews.anchors import locate, plain_text
from reviews.highlight import Block, anchored_blocks
from reviews.models import Comment, Suggestion
from reviews.reading_cache import section_parts

# The state filter of the query string (`?state=`): which thread states each one shows.
STATE_FILTERS: dict[str, tuple[str, ...]] = {
    "open": tuple(Comment.UNRESOLVED),
    "addressed": (Comment.Status.ADDRESSED,),
    "accepted": (Comment.Status.ACCEPTED,),
}
STATE_LABELS = {
    "": _("All comments"),
    "open": _("Open or reopened"),
    "addressed": _("Addressed"),
    "accepted": _("Accepted"),
}


def state_of(query: str | None) -> str:
    """The state filter asked for, or "" (every thread) when none or an unknown one."""
    return query if query in STATE_FILTERS else ""


@dataclass
class ReadingSection:
    view: dict  # what the PDF shows of the section, rendered (reviews.reading_cache)
    blocks: list[Block]
    threads: list[Comment]  # on the whole section, or on a passage that is gone
    suggestions: list[Suggestion] = field(default_factory=list)
    diff: SectionDiff | None = None  # what changed since the reader's last review
    folded: bool = False  # unchanged since then: shown closed

    @property
    def all_threads(self) -> list[Comment]:
        return [*self.threads, *(t for block in self.blocks for t in block.threads)]


def _matching(threads: list[Comment], state: str) -> list[Comment]:
    wanted = STATE_FILTERS.get(state)
    return [t for t in threads if wanted is None or t.status in wanted]


def _link_neighbours(threads: list[Comment]) -> None:
    """Each thread's previous and next thread in reading order, for links and the keyboard."""
    for i, thread in enumerate(threads):
        # Read by the templates only, like the `visible_replies` the selector sets.
        setattr(thread, "previous_thread", threads[i - 1] if i > 0 else None)  # noqa: B010
        setattr(thread, "next_thread", threads[i + 1] if i + 1 < len(threads) else None)  # noqa: B010


def reading_sections(
    plan: Plan,
    version: PlanVersion,
    since: PlanVersion | None,
    state: str,
    plan_threads: list[Comment],
) -> list[ReadingSection]:
    """Every section of `version` with its blocks, threads (of `plan_threads`, the reader's
    selectors.threads_for_user, those `state` shows), suggestions and, when the reader reviewed
    an earlier version `since`, its changes."""
    threads: dict[str, list[Comment]] = defaultdict(list)
    for thread in _matching(plan_threads, state):
        threads[thread.section_key].append(thread)
    suggestions: dict[str, list[Suggestion]] = defaultdict(list)
    for suggestion in selectors.suggestions_of_plan(plan):
        suggestions[suggestion.section_key].append(suggestion)
    diffs = (
        {d.key: d for d in stored_versions_diff(since.sections, version.sections)} if since else {}
    )
    han_lang = lang_of_person(plan.enrolment.trainee)
    sections = []
    for view in section_parts(version, han_lang):
        blocks, whole = anchored_blocks(view["html"], threads[view["key"]])
        diff = diffs.get(view["key"])
        sections.append(
            ReadingSection(
                view=view,
                blocks=blocks,
                threads=whole,
                suggestions=suggestions[view["key"]],
                diff=diff if diff is not None and diff.changed else None,
                folded=diff is not None and not diff.changed,
            )
        )
    _link_neighbours([t for section in sections for t in section.all_threads])
    return sections


def thread_in_version(user: User, thread: Comment) -> Comment:
    """One thread as the reading view shows it after an action: its visible replies, and
    whether its passage is still in the version waiting for review."""
    plan = thread.plan
    in_section = selectors.threads_for_user(user, plan, section_key=thread.section_key)
    [fresh] = [t for t in in_section if t.pk == thread.pk]
    version = newest_version(plan)
    sections = version.sections if version is not None else []
    body = next((s.get("body", "") for s in sections if s["key"] == fresh.section_key), "")
    found = locate(fresh.quote, plain_text(body), fresh.quote_start).found
    setattr(fresh, "on_changed_text", not found)  # noqa: B010 - read by the template
    fresh.plan = plan
    return fresh

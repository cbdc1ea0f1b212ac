"""The reading view's sections, written in Python rather than by the template engine (why:
ecotown/core/rows.py). A plan has a dozen sections, and the frame of each (its heading and
badges, the blocks of its text, its suggestions) was a third of the review desk's time. What
the frame holds that has a template of its own (a comment thread, a table's changes, the
section's forms) is still rendered by it, with the page's context.
"""

from django.template import Context, Template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ecotown.core.rows import e, safe
from reviews.reading import ReadingSection


def section_html(context: Context, section: ReadingSection, forms: str) -> SafeString:
    """One section of the reading view; `forms`, its comment and suggestion forms."""
    view, labels = section.view, _labels(context)
    anchor = e(view["anchor"])
    folded = section.folded
    html = [
        f'<section class="reading-section mb-4" id="{anchor}" aria-labelledby="h-{anchor}">',
        '<details class="reading-fold"><summary>' if folded else "",
        f'<h2 id="h-{anchor}" class="h5 border-bottom pb-1 d-inline-block">'
        f"{e(view['number'])}. {e(view['title'])}</h2>",
    ]
    if folded:
        badge = context.get("unchanged_label")
        html.append(f'<span class="badge text-bg-light ms-1">{e(badge)}</span></summary>')
    elif section.diff:
        badge = context.get("changed_label")
        html.append(f'<span class="badge text-bg-warning ms-1">{e(badge)}</span>')
    if section.diff:
        html.append(_changes(context, section, labels))
    if section.threads:
        html.append(
            '<div class="reading-row"><div class="reading-text">'
            f'<p class="small text-body-secondary mb-0">{e(labels["whole"])}</p></div>'
            f'<div class="reading-margin">{_threads(context, section.threads)}</div></div>'
        )
    if view.get("empty"):
        html.append(f'<p class="text-body-secondary">{e(labels["empty"])}</p>')
    lang = view.get("lang")
    text_attrs = f' dir="{e(view.get("dir", ""))}"' + (f' lang="{e(lang)}"' if lang else "")
    html.append(f'<div class="reading-body" data-quotable data-section="{e(view["key"])}">')
    for block in section.blocks:
        margin = (
            f'<div class="reading-margin">{_threads(context, block.threads)}</div>'
            if block.threads
            else ""
        )
        html.append(
            f'<div class="reading-row"><div class="reading-text plan-text"{text_attrs}>'
            f"{conditional_escape(block.html)}</div>{margin}</div>"
        )
    html.append(
        f'</div><div class="reading-tables">{conditional_escape(view.get("tables", ""))}</div>'
    )
    if section.suggestions:
        html.append(_suggestions(section, labels))
    html.append(forms)
    html.append("</details></section>" if folded else "</section>")
    return safe("".join(html))


def _labels(context: Context) -> dict[str, str]:
    """The words every section repeats, translated once per page (kept on the Context)."""
    labels = getattr(context, "_reading_labels", None)
    if labels is None:
        labels = {
            "added": _("added"),
            "removed": _("removed"),
            "rewritten": _(
                "Too many changes to show word by word: the old text is shown removed, then "
                "the new text added."
            ),
            "whole": _("Comments on the whole section, or on passages no longer in its text:"),
            "empty": _("Not written: this section has no text yet."),
            "reply": _("Reply"),
        }
        context._reading_labels = labels  # type: ignore[attr-defined]
    return labels


def _changes(context: Context, section: ReadingSection, labels: dict[str, str]) -> str:
    diff, anchor = section.diff, e(section.view["anchor"])
    assert diff is not None
    html = [
        f'<div class="reading-changes mb-3" id="changes-{anchor}">'
        f'<p class="small mb-1 diff-legend">{e(context.get("changes_label"))} '
        f"<ins>{e(labels['added'])}</ins> · <del>{e(labels['removed'])}</del></p>"
    ]
    if diff.rewritten:
        html.append(
            f'<p class="small text-body-secondary diff-rewritten">{e(labels["rewritten"])}</p>'
        )
    if diff.body_changed:
        html.append(
            f'<div class="diff-text reading-diff mb-2">{conditional_escape(diff.body)}</div>'
        )
    if diff.table is not None and diff.table.rows:
        with context.push(table=diff.table):
            html.append(_template(context, "planning_docs/_rows_diff.html").render(context))
    html.append("</div>")
    return "".join(html)


def _threads(context: Context, threads: list) -> str:
    thread_template = _template(context, "reviews/_reading_thread.html")
    rendered = []
    for thread in threads:
        with context.push(thread=thread):
            rendered.append(thread_template.render(context))
    return "".join(rendered)


def _template(context: Context, name: str) -> Template:
    """A partial as {% include %} finds it: from the page's own template engine."""
    assert context.template is not None
    return context.template.engine.get_template(name)


def _suggestions(section: ReadingSection, labels: dict[str, str]) -> str:
    html = ['<div class="reading-row"><div class="reading-text"></div><div class="reading-margin">']
    for suggestion in section.suggestions:
        by = _("Suggestion by %(author)s") % {"author": suggestion.author}
        reply = (
            f'<p class="mb-0"><strong>{e(labels["reply"])}:</strong> {e(suggestion.reply)}</p>'
            if suggestion.reply
            else ""
        )
        html.append(
            f'<article id="suggestion-{int(suggestion.pk)}" class="card mb-2 suggestion" '
            f'aria-label="{e(by)}"><div class="card-body p-2 small">'
            f'<p class="text-body-secondary mb-1">{e(suggestion.author)} · '
            f'<span class="badge text-bg-light">{e(suggestion.get_status_display())}</span></p>'
            f'<p class="mb-1 tracked-change"><del>{e(suggestion.quote)}</del> '
            f"<ins>{e(suggestion.replacement)}</ins></p>{reply}</div></article>"
        )
    html.append("</div></div>")
    return "".join(html)

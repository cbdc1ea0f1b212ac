"""Form widgets that cost less to render than Django's own, for long lists of choices."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class PlainSelect(forms.Select):
    """Django's <select>, with the same markup, built in Python.

    Django renders a template for every <option>; a country list has about 250 of them, and two
    of those on a page were a third of the roster's and the plan list's time. The choices, the
    selected value and the attributes are Django's own (`get_context`); only the rendering is
    done here. `flatatt` writes attributes as Django's attrs.html does (True bare, False left out).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((str(o["value"]), flatatt(o["attrs"]), o["label"]) for o in options),
            )
            if group_name:
                html = format_html('<optgroup label="{}">{}</optgroup>', group_name, html)
            groups.append(html)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(groups)),  # noqa: S308 - each part was escaped by format_html
        )

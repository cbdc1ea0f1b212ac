"""Form widgets that cost less to render than Django's own, for long lists of choices."""

import copy
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ecotown.core.rows import e

# Rendered <option>s of fixed lists (countries, time zones), by (list, language): per process.
_OPTIONS: dict[tuple[str, str | None], SafeString] = {}


class PlainSelect(forms.Select):
    """Django's <select>, with the same markup, built in Python.

    Django renders a template for every <option>; a country list has about 250 of them, and two
    of those on a page were a third of the roster's and the plan list's time. The choices, the
    selected value and the attributes are Django's own (`get_context`); only the rendering is
    done here. `flatatt` writes attributes as Django's attrs.html does (True bare, False left out).

    `fixed_choices` names a list that never changes while the process runs (countries, time
    zones): its options are then rendered once per language, and only `selected` is added.
    """

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        choices: Any = (),
        fixed_choices: str | None = None,
    ) -> None:
        super().__init__(attrs, choices)
        self.fixed_choices = fixed_choices

    def __deepcopy__(self, memo: dict[int, Any]) -> "PlainSelect":
        if self.fixed_choices is None:
            return super().__deepcopy__(memo)
        # A fixed list is shared, as FixedChoiceField shares it: Django would copy and
        # normalise its 250 countries again for every form.
        copied = copy.copy(self)
        copied.attrs = self.attrs.copy()
        memo[id(self)] = copied
        return copied

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if self.fixed_choices is None:
            widget = self.get_context(name, value, attrs)["widget"]
            options = self.options_html(widget["optgroups"])
        else:
            widget = self.get_context(name, value, attrs, optgroups=False)["widget"]
            key = (self.fixed_choices, get_language())
            if key not in _OPTIONS:
                _OPTIONS[key] = self.options_html(self.optgroups(name, []))
            options = self.select(_OPTIONS[key], widget["value"])
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )

    def get_context(
        self, name: str, value: Any, attrs: dict[str, Any] | None, optgroups: bool = True
    ) -> dict[str, Any]:
        if optgroups:
            return super().get_context(name, value, attrs)
        # Widget's context without Select's option groups (which the fixed list has ready).
        context = forms.Widget.get_context(self, name, value, attrs)
        if self.allow_multiple_selected:
            context["widget"]["attrs"]["multiple"] = True
        return context

    @staticmethod
    def options_html(optgroups: Any) -> SafeString:
        """The <option>s, each value and label through rows.e (see ecotown/core/rows.py)."""
        groups = []
        for group_name, options, _index in optgroups:
            html = "".join(
                f'<option value="{e(o["value"])}"{flatatt(o["attrs"])}>{e(o["label"])}</option>'
                for o in options
            )
            if group_name:
                html = f'<optgroup label="{e(group_name)}">{html}</optgroup>'
            groups.append(html)
        return mark_safe("".join(groups))  # noqa: S308 - every value and label escaped above

    @staticmethod
    def select(options: SafeString, values: list[str]) -> SafeString:
        html = str(options)
        for value in values:
            plain = f'<option value="{escape(value)}">'
            html = html.replace(plain, f'<option value="{escape(value)}" selected>', 1)
        return mark_safe(html)  # noqa: S308 - an attribute added to escaped markup


class FixedChoiceField(forms.ChoiceField):
    """A ChoiceField whose choices never change while the process runs (countries, statuses):
    every form shares them.

    Django deep-copies each field's choices for every form it makes, so that one form may
    change its own; a list of 250 countries cost each filter form about 2,000 function calls.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> "FixedChoiceField":
        result = forms.Field.__deepcopy__(self, memo)  # the widget and validators, as Django
        result._choices = self._choices  # type: ignore[attr-defined]
        return result

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.models import Review
from reviews.services import MAX_COMMENT_LENGTH, MAX_QUOTE_LENGTH


class CommentForm(forms.Form):
    section_key = forms.SlugField(widget=forms.HiddenInput)
    quote = forms.CharField(required=False, max_length=MAX_QUOTE_LENGTH, widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Comment"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Select a passage in the text first to comment on it; Markdown works here."),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply"), max_length=MAX_COMMENT_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )


class AddressForm(forms.Form):
    reply = forms.CharField(
        label=_("How did you address it? (optional)"),
        required=False,
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Review.Decision.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = forms.CharField(
        label=_("Summary for the trainee"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    release = forms.BooleanField(
        label=_("Release my internal comments with this decision"), required=False, initial=True
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the plan reopened?"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SuggestionForm(forms.Form):
    section_key = forms.SlugField(widget=forms.HiddenInput)
    quote = forms.CharField(max_length=MAX_QUOTE_LENGTH, widget=forms.HiddenInput)
    replacement = forms.CharField(
        label=_("Suggested text"),
        required=False,
        strip=False,
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

"""Forms of the seminar week: a session's material, the room's check-in code."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from ecotown.core.pdf_files import MAX_PDF_BYTES
from seminars.attendance import CODE_LENGTH
from seminars.models import Material


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Material.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF or a PowerPoint presentation (.pptx), at most %(mb)d MB.")
        % {"mb": MAX_PDF_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.pptx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("upload", _("Attach the file")))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused before it is read into memory.
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB.") % {"mb": MAX_PDF_BYTES // (1024 * 1024)}
            )
        return upload


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("The code shown in the room"),
        max_length=CODE_LENGTH + 4,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("check_in", _("Check in")))

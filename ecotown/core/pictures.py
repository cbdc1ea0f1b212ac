"""What a stored picture is, for every app that keeps pictures (a plan's figures, a report's
photos): the file that ecotown.core.images made clean, what it is, and the words that go with it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Picture(models.Model):
    """A picture stored once under its content's hash and never overwritten (replacing it points
    the row at a new file), with a caption and a text alternative that may not be empty."""

    file = models.FileField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=32)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    caption = models.CharField(_("caption"), max_length=300)
    alt = models.CharField(
        _("text alternative"),
        max_length=500,
        help_text=_("What the picture shows, for readers who cannot see it."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.caption


def picture_checks(prefix: str) -> list[models.BaseConstraint]:
    """The database's refusal of a picture without a caption or a text alternative, as the
    constraints `<prefix>_has_caption` and `<prefix>_has_alt` (each model keeps its own names)."""
    return [
        models.CheckConstraint(condition=~Q(caption=""), name=f"{prefix}_has_caption"),
        models.CheckConstraint(condition=~Q(alt=""), name=f"{prefix}_has_alt"),
    ]

"""Whether a pilot's point on the map lies in its plan's country: one check for the trainee's
form and the admin alike (Plan.clean), from the vendored world map (ecotown.core.world)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_countries import countries

from ecotown.core import world


def _name(code: str) -> str:
    return str(dict(countries).get(code, code))


def pilot_point_refusal(country: str, latitude: float, longitude: float) -> str:
    """Why the point cannot be the pilot's in `country` ('' when it can); the message names
    where the point lies instead, which helps to find a swapped sign or order."""
    if world.lies_in(country, latitude, longitude):
        return ""
    elsewhere = world.country_at(latitude, longitude)
    if elsewhere:
        return _("This point lies in %(there)s, not in %(country)s. Check the coordinates.") % {
            "there": _name(elsewhere),
            "country": _name(country),
        }
    return _(
        "This point lies outside %(country)s (at sea or in no country on the map). Check the "
        "coordinates: latitude first, south and west negative."
    ) % {"country": _name(country)}


def check_pilot_point(country: str, latitude: Decimal | None, longitude: Decimal | None) -> None:
    """Raise ValidationError unless the point is whole (both or neither) and in `country`."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ValidationError(_("Give both the latitude and the longitude, or neither."))
    if not country:
        raise ValidationError(
            {"pilot_country": _("Choose the pilot's country before placing it on the map.")}
        )
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return  # the fields' own validators say so
    refusal = pilot_point_refusal(country, float(latitude), float(longitude))
    if refusal:
        raise ValidationError({"pilot_latitude": refusal})

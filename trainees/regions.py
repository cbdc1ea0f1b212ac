"""The region of a country, for the roster's balance of Asia and Africa.

A small table of the UN M49 regions by ISO 3166-1 alpha-2 code, kept here rather than pulling in a
library for two continents. Countries outside both are "Other".
"""

from django.utils.translation import gettext_lazy as _

AFRICA = "africa"
ASIA = "asia"
OTHER = "other"

REGION_LABELS = {AFRICA: _("Africa"), ASIA: _("Asia"), OTHER: _("Other")}

# fmt: off
_AFRICA = {
    "DZ", "AO", "BJ", "BW", "BF", "BI", "CV", "CM", "CF", "TD", "KM", "CG", "CD", "CI", "DJ", "EG",
    "GQ", "ER", "SZ", "ET", "GA", "GM", "GH", "GN", "GW", "KE", "LS", "LR", "LY", "MG", "MW", "ML",
    "MR", "MU", "MA", "MZ", "NA", "NE", "NG", "RW", "ST", "SN", "SC", "SL", "SO", "ZA", "SS", "SD",
    "TZ", "TG", "TN", "UG", "ZM", "ZW", "EH", "RE", "YT", "SH",
}
_ASIA = {
    "AF", "AM", "AZ", "BH", "BD", "BT", "BN", "KH", "CN", "CY", "GE", "HK", "IN", "ID", "IR", "IQ",
    "IL", "JP", "JO", "KZ", "KW", "KG", "LA", "LB", "MO", "MY", "MV", "MN", "MM", "NP", "KP", "OM",
    "PK", "PS", "PH", "QA", "SA", "SG", "KR", "LK", "SY", "TW", "TJ", "TH", "TL", "TR", "TM", "AE",
    "UZ", "VN", "YE",
}
# fmt: on


def region_of(country_code: str) -> str:
    code = str(country_code or "").upper()
    if code in _AFRICA:
        return AFRICA
    if code in _ASIA:
        return ASIA
    return OTHER


def region_label(country_code: str) -> str:
    """The region's name in the reader's language ("Africa")."""
    return str(REGION_LABELS[region_of(country_code)])

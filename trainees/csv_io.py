"""CSV in and out, through tablib: reading an upload of trainees into a checked preview, and
writing the roster. The import itself (all or nothing) is `services.trainees_import`."""

import zoneinfo
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django_countries import countries
from tablib.exceptions import InvalidDimensions

from ecotown.core.spreadsheet import safe_cell
from trainees.regions import region_label
from trainees.selectors import lead_names

MAX_BYTES = 256 * 1024  # about two thousand rows: far more than any nomination round
REQUIRED = ("first_name", "last_name", "email", "country", "organisation")
OPTIONAL = ("position", "languages", "phone", "time_zone", "nominated_by")
COLUMNS = REQUIRED + OPTIONAL


class CsvError(ValueError):
    """The file as a whole cannot be read. Its message is for people."""


@dataclass
class ImportRow:
    number: int  # the line in the file, counting the header as line 1
    values: dict
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    rows: list[ImportRow]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)


def decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise CsvError(_("The file is larger than %(kb)d KB.") % {"kb": MAX_BYTES // 1024})
    try:
        # utf-8-sig: spreadsheet programs often start a UTF-8 file with a byte-order mark.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvError(
            _("The file is not UTF-8 (byte %(pos)d). Save it as “CSV UTF-8” and upload it again.")
            % {"pos": error.start + 1}
        ) from error


def _normalise_header(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def _load(text: str) -> tablib.Dataset:
    try:
        dataset = tablib.Dataset().load(text, format="csv")
    except InvalidDimensions as error:
        raise CsvError(
            _("A row has more columns than the header: check the delimiter and the quotes.")
        ) from error
    except Exception as error:  # the csv module's own errors (a stray quote, a NUL byte)
        raise CsvError(_("The file cannot be read as CSV: %(error)s") % {"error": error}) from error
    headers = [_normalise_header(h or "") for h in dataset.headers or []]
    if len(headers) == 1 and any(sep in headers[0] for sep in ";\t|"):
        raise CsvError(
            _("The columns are not separated by commas. Save the file as comma-separated CSV.")
        )
    missing = [name for name in REQUIRED if name not in headers]
    if missing:
        raise CsvError(
            _("Missing columns: %(missing)s. Expected: %(expected)s.")
            % {"missing": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
    dataset.headers = headers
    return dataset


def country_code(value: str) -> str:
    """An ISO code from a code (KE, KEN) or an English name (Kenya); '' when unknown."""
    value = value.strip()
    return countries.alpha2(value) or countries.by_name(value) or ""


def _stored_in() -> dict:
    """The database column each value ends up in (country is stored as its code)."""
    from ecotown.core.models import User
    from trainees.models import Enrolment, TraineeProfile

    user, profile = User._meta, TraineeProfile._meta
    return {
        "first_name": user.get_field("first_name"),
        "last_name": user.get_field("last_name"),
        "email": user.get_field("email"),
        "time_zone": user.get_field("time_zone"),
        "organisation": profile.get_field("organisation"),
        "position": profile.get_field("position"),
        "languages": profile.get_field("languages"),
        "phone": profile.get_field("phone"),
        "nominated_by": Enrolment._meta.get_field("nominated_by"),
    }


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _unstorable(values: dict) -> list[str]:
    """What the database would refuse (PostgreSQL) or keep cut short of its rules (SQLite): a NUL
    character anywhere, or a value longer than its column."""
    errors = [
        _("%(field)s contains a NUL character.") % {"field": _label(name)}
        for name in COLUMNS
        if "\x00" in values[name]
    ]
    for name, column in _stored_in().items():
        if column.max_length and len(values[name]) > column.max_length:
            errors.append(
                _("%(field)s is too long: %(length)d characters, at most %(max)d.")
                % {"field": _label(name), "length": len(values[name]), "max": column.max_length}
            )
    return errors


def _check_row(values: dict, seen_emails: set[str], email_taken) -> list[str]:
    unstorable = _unstorable(values)
    if unstorable:
        # The checks below ask the database about the e-mail: not with a value it refuses.
        return unstorable
    errors = [
        _("%(field)s is missing.") % {"field": _label(name)}
        for name in REQUIRED
        if not values[name]
    ]
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors.append(_("“%(email)s” is not an e-mail address.") % {"email": values["email"]})
        else:
            key = values["email"].lower()
            if key in seen_emails:
                errors.append(_("The e-mail %(email)s appears twice in the file.") % values)
            elif email_taken(values["email"]):
                errors.append(_("A person with the e-mail %(email)s exists already.") % values)
            seen_emails.add(key)
    if values["country"]:
        code = country_code(values["country"])
        if code:
            values["country"] = code
        else:
            errors.append(_("Unknown country “%(country)s”.") % values)
    if values["time_zone"] and values["time_zone"] not in zoneinfo.available_timezones():
        errors.append(_("Unknown time zone “%(time_zone)s”.") % values)
    return errors


def preview(text: str, *, email_taken) -> ImportPreview:
    """Every row of the file with its errors; `email_taken(email)` says who exists already."""
    dataset = _load(text)
    rows: list[ImportRow] = []
    seen: set[str] = set()
    for index, record in enumerate(dataset.dict, start=2):
        values = {name: str(record.get(name) or "").strip() for name in COLUMNS}
        first = str(record.get(dataset.headers[0]) or "")
        if any(sep in first for sep in ";\t") and not any(values[n] for n in REQUIRED[1:]):
            rows.append(ImportRow(index, values, [_("This row is not separated by commas.")]))
            continue
        rows.append(ImportRow(index, values, _check_row(values, seen, email_taken)))
    return ImportPreview(rows)


def example_csv() -> str:
    dataset = tablib.Dataset(headers=COLUMNS)
    dataset.append(
        [
            "Kwame",
            "Mensah",
            "k.mensah@example.org",
            "GH",
            "Environmental Protection Agency",
            "Principal programme officer",
            "English, French",
            "+233 30 000 0000",
            "Africa/Accra",
            "Ministry of Environment, Science and Technology",
        ]
    )
    return dataset.export("csv")


# --- Export ---------------------------------------------------------------------------------------

EXPORT_HEADERS = (
    "last_name",
    "first_name",
    "email",
    "country",
    "country_name",
    "region",
    "organisation",
    "position",
    "seminar",
    "status",
    "lead_expert",
)


def roster_csv(enrolments) -> str:
    """The roster as CSV text; `enrolments` as the roster selector returns them."""
    dataset = tablib.Dataset(headers=EXPORT_HEADERS)
    enrolments = list(enrolments)
    leads = lead_names(enrolments)
    for enrolment in enrolments:
        profile = getattr(enrolment.trainee, "trainee_profile", None)
        code = profile.country.code if profile else ""
        dataset.append(
            [
                safe_cell(value or "")
                for value in (
                    enrolment.trainee.last_name,
                    enrolment.trainee.first_name,
                    enrolment.trainee.email,
                    code,
                    profile.country.name if profile else "",
                    region_label(code) if code else "",
                    profile.organisation if profile else "",
                    profile.position if profile else "",
                    enrolment.seminar.title,
                    enrolment.get_status_display(),
                    leads.get(getattr(enrolment, "lead_id", None) or 0, ""),
                )
            ]
        )
    return dataset.export("csv")

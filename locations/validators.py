import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The Czech Republic's bounding box (WGS84), with a small margin for border localities.
LATITUDE_RANGE = (48.55, 51.06)
LONGITUDE_RANGE = (12.09, 18.87)

_MUNICIPALITY_CODE_RE = re.compile(r"^5\d{5}$")


def validate_municipality_code(value: str) -> None:
    """A ČSÚ municipality code (kód obce): six digits, in the 500000–599999 range ČSÚ assigns to obce."""
    if not _MUNICIPALITY_CODE_RE.match(value or ""):
        raise ValidationError(
            _("Kód obce musí mít 6 číslic a začínat číslicí 5 (číselník obcí ČSÚ), např. 554791."),
            code="municipality_code",
        )


def validate_latitude(value) -> None:
    if value is not None and not (LATITUDE_RANGE[0] <= float(value) <= LATITUDE_RANGE[1]):
        raise ValidationError(
            _("Zeměpisná šířka %(value)s leží mimo Českou republiku (%(low)s–%(high)s)."),
            code="latitude",
            params={"value": value, "low": LATITUDE_RANGE[0], "high": LATITUDE_RANGE[1]},
        )


def validate_longitude(value) -> None:
    if value is not None and not (LONGITUDE_RANGE[0] <= float(value) <= LONGITUDE_RANGE[1]):
        raise ValidationError(
            _("Zeměpisná délka %(value)s leží mimo Českou republiku (%(low)s–%(high)s)."),
            code="longitude",
            params={"value": value, "low": LONGITUDE_RANGE[0], "high": LONGITUDE_RANGE[1]},
        )

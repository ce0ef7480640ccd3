import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ICO_RE = re.compile(r"^\d{8}$")


def ico_check_digit(first_seven: str) -> int:
    """Check digit of a Czech IČO: weights 8..2, mod 11 (remainder 0 gives 1, remainder 1 gives 0)."""
    total = sum(int(digit) * weight for digit, weight in zip(first_seven, range(8, 1, -1), strict=True))
    return (11 - total % 11) % 10


def validate_ico(value: str) -> None:
    if not _ICO_RE.match(value or ""):
        raise ValidationError(_("IČO musí mít přesně 8 číslic."), code="ico_format")
    if ico_check_digit(value[:7]) != int(value[7]):
        raise ValidationError(
            _("IČO %(value)s nemá platnou kontrolní číslici."), code="ico_checksum", params={"value": value}
        )

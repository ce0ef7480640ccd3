import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import first_control_character

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


def _refuse_control_characters(value, *, multiline: bool) -> None:
    if not isinstance(value, str):
        return
    found = first_control_character(value, multiline=multiline)
    if found is None:
        return
    position, character = found
    raise ValidationError(
        _(
            "Text obsahuje neviditelný řídicí znak %(character)s (%(position)s. znak), nejspíš zkopírovaný "
            "z jiného programu; smažte ho."
        ),
        code="control_character",
        params={"character": f"U+{ord(character):04X}", "position": position + 1},
    )


def validate_no_control_characters(value: str) -> None:
    """Single-line text (every CharField): nothing below U+0020, no DEL, no C1 controls (U+0080–U+009F)."""
    _refuse_control_characters(value, multiline=False)


def validate_no_control_characters_multiline(value: str) -> None:
    """Multi-line text (every TextField): as single-line text, but tab and line breaks are allowed."""
    _refuse_control_characters(value, multiline=True)

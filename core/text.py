"""Text helpers: diacritics- and case-insensitive matching, and the control characters no text may hold.

Folding works without the `unaccent` extension: the embedded PostgreSQL ships no contrib extensions, so
folding uses the built-in, immutable `translate()` + `lower()` in SQL (usable in a generated column) and the
same table in Python for the search term. Both sides therefore fold identically.
"""

import re

from django.db.models import Func, Value
from django.db.models.functions import Lower

# Letters with diacritics used in Czech, Slovak, German, Polish and Hungarian names, and their base letters.
_ACCENTED = "áäčďéěëíĺľňóôöőŕřšťúůüűýžźżłńśąęćÁÄČĎÉĚËÍĹĽŇÓÔÖŐŔŘŠŤÚŮÜŰÝŽŹŻŁŃŚĄĘĆ"
_PLAIN = "aacdeeeillnoooorrstuuuuyzzzlnsaecaacdeeeillnoooorrstuuuuyzzzlnsaec"
assert len(_ACCENTED) == len(_PLAIN)
_TABLE = str.maketrans(_ACCENTED, _PLAIN)


def fold(text: str) -> str:
    """Python side: 'Plzeň' -> 'plzen'."""
    return (text or "").translate(_TABLE).lower()


class Fold(Func):
    """SQL side: lower(translate(expr, accented, plain)); immutable, so it can back a generated column."""

    def __init__(self, expression, **extra):
        super().__init__(Lower(Func(expression, Value(_ACCENTED), Value(_PLAIN), function="translate")), **extra)

    template = "%(expressions)s"


# --- Control characters -----------------------------------------------------------------------------

# Characters no name or note ever needs: C0 controls (U+0000–U+001F), DEL (U+007F) and the C1 controls
# (U+0080–U+009F). They arrive by copy-and-paste from other programs, are invisible on the page, and most
# of them cannot be stored in an XLSX file at all (openpyxl raises IllegalCharacterError). Multi-line text
# keeps tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")
MULTILINE_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def first_control_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """(0-based position, character) of the first control character `text` may not hold, or None."""
    pattern = MULTILINE_CONTROL_CHARACTERS if multiline else CONTROL_CHARACTERS
    match = pattern.search(text)
    return (match.start(), match.group()) if match else None


def without_control_characters(text: str) -> str:
    """`text` without the control characters multi-line text may not hold (tab and line breaks stay)."""
    return MULTILINE_CONTROL_CHARACTERS.sub("", text)

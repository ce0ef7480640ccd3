"""Diacritics- and case-insensitive matching without the `unaccent` extension.

The embedded PostgreSQL ships no contrib extensions, so folding uses the built-in, immutable
`translate()` + `lower()` in SQL (usable in a generated column) and the same table in Python for
the search term. Both sides therefore fold identically.
"""

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

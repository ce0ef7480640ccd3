"""Keyset ("seek") pagination for lists that grow without bound.

Django's `Paginator` needs `COUNT(*)` and an `OFFSET`, and both cost time proportional to the table on every
page. Keyset pagination instead remembers the sort key of the last row shown and asks for the rows after it,
which an index on the sort key answers directly, on page 1 as on page 10 000. The price: no page numbers and
no total, only "Další" (next) and "Předchozí" (previous).

Usage in a view::

    page = keyset_page(queryset, ordering=("-date", "-id"), per_page=50, after=request.GET.get("after"),
                       before=request.GET.get("before"))
    # page.object_list, page.has_next, page.next_cursor, page.has_previous, page.previous_cursor

and in the template ``{% include "_keyset_pagination.html" %}`` with ``page`` and ``query_string`` (the
request's query without ``after`` / ``before``; see `query_without_cursor`).

Rules for `ordering`:
- plain model fields of the queryset's model (no ``__`` lookups), each non-nullable;
- the last field must be unique (normally the primary key), so that rows tied on the other fields (many
  shifts on one date) still have a strict order and no row is skipped or repeated between pages.

A cursor is an opaque URL-safe string holding the sort key of a boundary row. It only positions the list: it
never widens the queryset the caller passed in, so a forged cursor cannot reveal rows outside the user's scope.
An unreadable cursor is ignored and the first page is shown.
"""

import base64
import json
import operator
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet

CURSOR_PARAMETERS = ("after", "before")


@dataclass
class KeysetPage:
    """One page of a keyset-paginated list; iterate over it like a list of rows."""

    object_list: list = field(default_factory=list)
    next_cursor: str | None = None
    previous_cursor: str | None = None
    # False on a later page: the template then offers the way back to the start even when this page is empty
    # (rows deleted meanwhile, or a cursor past the end).
    is_first_page: bool = True

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def parse_ordering(model, ordering) -> list[tuple[Any, bool]]:
    """[(model field, descending)] for `ordering` such as ("-date", "-id")."""
    if not ordering:
        raise ValueError("Keyset pagination needs an ordering.")
    parsed = []
    for item in ordering:
        descending = item.startswith("-")
        name = item.lstrip("-")
        model_field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        if model_field.null:
            raise ValueError(f"Keyset ordering field {name!r} must not be nullable.")
        parsed.append((model_field, descending))
    last_field = parsed[-1][0]
    if not (last_field.primary_key or last_field.unique):
        raise ValueError(f"The last keyset ordering field ({last_field.name!r}) must be unique.")
    return parsed


def encode_cursor(values: list) -> str:
    raw = json.dumps(values, cls=DjangoJSONEncoder, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, fields: list[tuple[Any, bool]]) -> list | None:
    """The sort key stored in `cursor`, converted back to Python values; None if it is unreadable."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
        if not isinstance(values, list) or len(values) != len(fields):
            return None
        return [model_field.to_python(value) for (model_field, _), value in zip(fields, values, strict=True)]
    except (ValueError, TypeError, ValidationError):
        return None


def _seek_filter(fields: list[tuple[Any, bool]], values: list, *, forward: bool) -> Q:
    """Rows strictly after (forward) or before the sort key `values`, for any mix of directions.

    (a, b, c) after (x, y, z) is: a > x, or a = x and b > y, or a = x and b = y and c > z
    (with < for a descending field; the whole comparison flips when going backwards).
    """
    alternatives = []
    equal_so_far = Q()
    for (model_field, descending), value in zip(fields, values, strict=True):
        greater = descending != forward  # ascending + forward means ">"
        lookup = f"{model_field.attname}__{'gt' if greater else 'lt'}"
        alternatives.append(equal_so_far & Q(**{lookup: value}))
        equal_so_far &= Q(**{model_field.attname: value})
    return reduce(operator.or_, alternatives)


def _sort_key(row, fields: list[tuple[Any, bool]]) -> list:
    return [getattr(row, model_field.attname) for model_field, _ in fields]


def keyset_page(
    queryset: QuerySet,
    *,
    ordering: tuple[str, ...] | list[str],
    per_page: int,
    after: str | None = None,
    before: str | None = None,
) -> KeysetPage:
    """The page of `queryset` after the `after` cursor, or before the `before` cursor, or the first page.

    Runs exactly one query for the rows (plus the queryset's own prefetches) and never counts.
    """
    fields = parse_ordering(queryset.model, ordering)
    after_values = decode_cursor(after, fields) if after else None
    before_values = decode_cursor(before, fields) if before and after_values is None else None
    forward = before_values is None
    order_by = [("-" if descending == forward else "") + f.attname for f, descending in fields]
    rows = queryset.order_by(*order_by)
    boundary = after_values if forward else before_values
    if boundary is not None:
        rows = rows.filter(_seek_filter(fields, boundary, forward=forward))
    # One extra row tells whether there is anything beyond this page, without a COUNT.
    rows = list(rows[: per_page + 1])
    has_more = len(rows) > per_page
    rows = rows[:per_page]
    if not forward:
        rows.reverse()
    # Going back past the first row of the list lands on the first page, cursor or not.
    page = KeysetPage(object_list=rows, is_first_page=boundary is None or (not forward and not has_more))
    if rows:
        first_key, last_key = _sort_key(rows[0], fields), _sort_key(rows[-1], fields)
        if forward:
            page.next_cursor = encode_cursor(last_key) if has_more else None
            page.previous_cursor = encode_cursor(first_key) if boundary is not None else None
        else:
            page.previous_cursor = encode_cursor(first_key) if has_more else None
            page.next_cursor = encode_cursor(last_key)
    return page


def query_without_cursor(query_dict) -> str:
    """The request's query string without the cursor parameters, for building "Další / Předchozí" links."""
    query = query_dict.copy()
    for name in CURSOR_PARAMETERS:
        query.pop(name, None)
    return query.urlencode()

"""The one way a service changes a record's fields from a form's data.

In the spirit of HackSoft's Django-Styleguide `model_update`: the service names the fields a form may change,
`model_update` sets those the data carries, validates and saves them with `update_fields`. Adapted to SVL:

- a name in `data` that is not in `fields` is a programming error and raises `TypeError` (a view passing a field
  the service does not allow must fail loudly, not be dropped);
- the record is always saved, even when nothing changed: the user sent the form, so the record gets its next
  version (`core.versioning.save_new_version` for a record with a `version`) and a form opened before is stale;
- `clean` replaces `full_clean()` where the service validates more than the model (it must call `full_clean()`
  itself), so a service's own checks keep their place among the model's.

The model's signals fire on the save, so the audit log sees the change as before.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.db import models

from core.versioning import save_new_version

M = TypeVar("M", bound=models.Model)


def model_update(
    *,
    instance: M,
    fields: Iterable[str],
    data: Mapping[str, Any],
    clean: Callable[[M], None] | None = None,
) -> tuple[M, bool]:
    """Set the `fields` present in `data` on `instance`, validate it and save them.

    Returns the instance and whether any value changed. Call it inside the service's transaction, on the row
    `core.versioning.lock` returned.
    """
    allowed = tuple(fields)
    unknown = [name for name in data if name not in allowed]
    if unknown:
        raise TypeError(f"Unknown {instance._meta.model_name} fields: {', '.join(sorted(unknown))}")
    update_fields = []
    has_updated = False
    for name in allowed:
        if name not in data:
            continue
        field = instance._meta.get_field(name)
        if field.many_to_many or not field.concrete:
            raise TypeError(f"{instance._meta.model_name}.{name} is not a column model_update can set")
        value = data[name]
        # Compared by the stored value (a foreign key's id), so no related row is fetched to compare it.
        new = value.pk if isinstance(value, models.Model) else value
        if field.value_from_object(instance) != new:
            has_updated = True
        setattr(instance, name, value)
        update_fields.append(name)
    if clean is None:
        instance.full_clean()
    else:
        clean(instance)
    # auto_now fields are set on save but written only when named in update_fields.
    update_fields += [
        field.name
        for field in instance._meta.concrete_fields
        if getattr(field, "auto_now", False) and field.name not in update_fields
    ]
    if hasattr(instance, "version"):
        save_new_version(instance, update_fields=update_fields)
    else:
        instance.save(update_fields=update_fields)
    return instance, has_updated

"""Placeholder views, replaced by the imports work."""


def shift_import(request, *args, **kwargs):
    raise NotImplementedError


def shift_import_confirm(request, *args, **kwargs):
    raise NotImplementedError

"""Placeholder views, replaced by the planning work."""


def week(request, *args, **kwargs):
    raise NotImplementedError


def plan_create(request, *args, **kwargs):
    raise NotImplementedError


def copy_week(request, *args, **kwargs):
    raise NotImplementedError


def plan_edit(request, *args, **kwargs):
    raise NotImplementedError


def plan_cancel(request, *args, **kwargs):
    raise NotImplementedError

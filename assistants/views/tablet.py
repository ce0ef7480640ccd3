"""Placeholder views, replaced by the tablet work."""


def today(request, *args, **kwargs):
    raise NotImplementedError


def work(request, *args, **kwargs):
    raise NotImplementedError


def start(request, *args, **kwargs):
    raise NotImplementedError


def break_start(request, *args, **kwargs):
    raise NotImplementedError


def break_end(request, *args, **kwargs):
    raise NotImplementedError


def break_add(request, *args, **kwargs):
    raise NotImplementedError


def break_delete(request, *args, **kwargs):
    raise NotImplementedError


def end(request, *args, **kwargs):
    raise NotImplementedError


def correct(request, *args, **kwargs):
    raise NotImplementedError


def submit(request, *args, **kwargs):
    raise NotImplementedError


def record_create(request, *args, **kwargs):
    raise NotImplementedError


def record_edit(request, *args, **kwargs):
    raise NotImplementedError


def record_delete(request, *args, **kwargs):
    raise NotImplementedError

"""Placeholder views, replaced by the platforms work."""


def platform_list(request, *args, **kwargs):
    raise NotImplementedError


def platform_create(request, *args, **kwargs):
    raise NotImplementedError


def platform_detail(request, *args, **kwargs):
    raise NotImplementedError


def platform_edit(request, *args, **kwargs):
    raise NotImplementedError


def institution_create(request, *args, **kwargs):
    raise NotImplementedError


def institution_edit(request, *args, **kwargs):
    raise NotImplementedError


def representative_create(request, *args, **kwargs):
    raise NotImplementedError


def representative_edit(request, *args, **kwargs):
    raise NotImplementedError


def task_list(request, *args, **kwargs):
    raise NotImplementedError


def task_detail(request, *args, **kwargs):
    raise NotImplementedError


def output_create(request, *args, **kwargs):
    raise NotImplementedError


def output_download(request, *args, **kwargs):
    raise NotImplementedError

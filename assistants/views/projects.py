"""Placeholder views, replaced by the projects work."""


def project_list(request, *args, **kwargs):
    raise NotImplementedError


def project_create(request, *args, **kwargs):
    raise NotImplementedError


def project_edit(request, *args, **kwargs):
    raise NotImplementedError


def category_list(request, *args, **kwargs):
    raise NotImplementedError


def category_create(request, *args, **kwargs):
    raise NotImplementedError


def category_edit(request, *args, **kwargs):
    raise NotImplementedError

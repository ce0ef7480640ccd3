"""Placeholder views, replaced by the clients work."""


def client_list(request, *args, **kwargs):
    raise NotImplementedError


def client_create(request, *args, **kwargs):
    raise NotImplementedError


def client_detail(request, *args, **kwargs):
    raise NotImplementedError


def client_edit(request, *args, **kwargs):
    raise NotImplementedError


def client_file(request, *args, **kwargs):
    raise NotImplementedError


def client_access_log(request, *args, **kwargs):
    raise NotImplementedError


def service_list(request, *args, **kwargs):
    raise NotImplementedError


def service_create(request, *args, **kwargs):
    raise NotImplementedError


def service_edit(request, *args, **kwargs):
    raise NotImplementedError

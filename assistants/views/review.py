"""Placeholder views, replaced by the review work."""


def shift_list(request, *args, **kwargs):
    raise NotImplementedError


def shift_detail(request, *args, **kwargs):
    raise NotImplementedError


def review_queue(request, *args, **kwargs):
    raise NotImplementedError


def approve_many(request, *args, **kwargs):
    raise NotImplementedError


def approve(request, *args, **kwargs):
    raise NotImplementedError


def return_shift(request, *args, **kwargs):
    raise NotImplementedError


def reopen(request, *args, **kwargs):
    raise NotImplementedError

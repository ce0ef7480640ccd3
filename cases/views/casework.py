"""Placeholder views, replaced by the casework work."""


def home(request, *args, **kwargs):
    raise NotImplementedError


def case_create(request, *args, **kwargs):
    raise NotImplementedError


def case_detail(request, *args, **kwargs):
    raise NotImplementedError


def case_edit(request, *args, **kwargs):
    raise NotImplementedError


def case_close(request, *args, **kwargs):
    raise NotImplementedError


def case_reopen(request, *args, **kwargs):
    raise NotImplementedError


def contact_create(request, *args, **kwargs):
    raise NotImplementedError


def contact_edit(request, *args, **kwargs):
    raise NotImplementedError


def plan_edit(request, *args, **kwargs):
    raise NotImplementedError


def plan_review(request, *args, **kwargs):
    raise NotImplementedError


def referral_create(request, *args, **kwargs):
    raise NotImplementedError


def referral_edit(request, *args, **kwargs):
    raise NotImplementedError


def anonymous_list(request, *args, **kwargs):
    raise NotImplementedError


def anonymous_create(request, *args, **kwargs):
    raise NotImplementedError

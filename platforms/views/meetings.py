"""Placeholder views, replaced by the meetings work."""


def meeting_list(request, *args, **kwargs):
    raise NotImplementedError


def meeting_create(request, *args, **kwargs):
    raise NotImplementedError


def meeting_detail(request, *args, **kwargs):
    raise NotImplementedError


def meeting_edit(request, *args, **kwargs):
    raise NotImplementedError


def meeting_agenda(request, *args, **kwargs):
    raise NotImplementedError


def meeting_attendance(request, *args, **kwargs):
    raise NotImplementedError


def case_discussion_create(request, *args, **kwargs):
    raise NotImplementedError


def task_create(request, *args, **kwargs):
    raise NotImplementedError


def task_review(request, *args, **kwargs):
    raise NotImplementedError


def meeting_finalise(request, *args, **kwargs):
    raise NotImplementedError


def meeting_reopen(request, *args, **kwargs):
    raise NotImplementedError


def minutes_pdf(request, *args, **kwargs):
    raise NotImplementedError

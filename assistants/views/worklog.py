"""Placeholder views, replaced by the worklog work."""


def worklog_index(request, *args, **kwargs):
    raise NotImplementedError


def worklog_pdf(request, *args, **kwargs):
    raise NotImplementedError

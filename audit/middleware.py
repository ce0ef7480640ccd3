"""Keeps the request being served visible to the audit log while it runs."""

from audit.services import current_request


class AuditMiddleware:
    """Makes the current request visible to the audit signals for as long as it runs.

    A context variable, not a thread-local: each request (thread or task) sees only its own. Place it after
    AuthenticationMiddleware; `request.user` is only read when an event is recorded.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)

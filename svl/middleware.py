"""Response headers that Django's SecurityMiddleware and django-csp do not set.

- ``PermissionsPolicyMiddleware`` sends ``settings.PERMISSIONS_POLICY``: the browser features no SVL page uses
  (camera, microphone, geolocation) are switched off, so injected or third-party code cannot ask for them.
- ``NoStoreForAuthenticatedMiddleware`` forbids caching any response to a signed-in user. Field workers share
  tablets: a page left in the browser's cache (or a proxy's) would show one worker's clients, victims and
  witnesses to whoever picks the tablet up next, even after logout, through the Back button or the history.
  It must come after ``AuthenticationMiddleware`` in ``MIDDLEWARE``, which gives the request its user.
  Static files are served by WhiteNoise before the request reaches it, so they stay cacheable.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control


class PermissionsPolicyMiddleware:
    """Add the ``Permissions-Policy`` header to every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class NoStoreForAuthenticatedMiddleware:
    """Add ``no-store`` to the ``Cache-Control`` of every response to an authenticated user.

    ``no-store`` alone keeps the response out of every cache, the browser's included; directives a view set itself
    (the PDF downloads' ``no-store``, the login page's ``never_cache``) are kept as they are.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # request.user is read after the view: a login in this request counts, a logout does not.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True)
        return response

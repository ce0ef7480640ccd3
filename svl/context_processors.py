from django.urls import reverse
from django.utils.translation import gettext as _

from svl.permissions import USER_MANAGERS


def navigation(request):
    """Navigation items the user's roles may use; templates only loop over them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = [
        (_("Lokality"), reverse("localities:list")),
        (_("Mapa"), reverse("localities:map")),
    ]
    if user.has_role(*USER_MANAGERS):
        items.append((_("Uživatelé"), reverse("users:list")))
    current = request.path
    return {"nav_items": [{"label": label, "url": url, "active": current.startswith(url)} for label, url in items]}

import django_filters
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit import registry
from audit.choices import AuditAction
from audit.models import AuditEvent
from core.filters import DateRangeFilterSet, filter_card_helper


class AuditEventFilter(DateRangeFilterSet):
    """Filters of the organisation's audit log (GET), shared by the list and its CSV export."""

    date_field = "at"

    account = django_filters.ModelChoiceFilter(
        label=_("Uživatel"), field_name="user", queryset=None, empty_label=_("všichni uživatelé")
    )
    object_type = django_filters.ChoiceFilter(
        label=_("Typ objektu"), choices=registry.object_type_choices, empty_label=_("všechny typy")
    )
    action = django_filters.ChoiceFilter(label=_("Akce"), choices=AuditAction.choices, empty_label=_("všechny akce"))

    class Meta(DateRangeFilterSet.Meta):
        model = AuditEvent
        fields = ["account", "date_from", "date_to", "object_type", "action"]

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["account"].queryset = (
            get_user_model().objects.for_user(user).order_by("last_name", "first_name", "username")
        )
        self.form.helper = filter_card_helper(
            self.form.fields, aria_label=_("Filtr auditu"), reset_url=reverse("audit:list")
        )

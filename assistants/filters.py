import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from assistants import selectors
from assistants.choices import ShiftStatus
from assistants.models import Shift
from core.filters import DateRangeFilterSet, filter_card_helper


class ShiftFilter(DateRangeFilterSet):
    """Filters of the shift list (GET); an invalid value is shown at its field and filters nothing."""

    status = django_filters.ChoiceFilter(label=_("Stav"), choices=ShiftStatus.choices, empty_label=_("všechny stavy"))
    assistant = django_filters.ModelChoiceFilter(
        label=_("Asistent"), field_name="assistants", queryset=None, empty_label=_("všichni asistenti")
    )
    project = django_filters.ModelChoiceFilter(label=_("Projekt"), queryset=None, empty_label=_("všechny projekty"))

    class Meta(DateRangeFilterSet.Meta):
        model = Shift
        fields = ["status", "date_from", "date_to", "assistant", "project"]

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["project"].queryset = selectors.shift_filter_projects_for(user)
        if user.has_role(Role.MENTOR, Role.COORDINATOR, Role.ORG_ADMIN):
            self.filters["assistant"].queryset = selectors.plannable_assistants_for(user)
        else:
            # An APK sees only their own shifts; a filter by assistant would only list colleagues' names.
            del self.filters["assistant"]
        self.form.helper = filter_card_helper(
            self.form.fields, aria_label=_("Filtr směn"), reset_url=reverse("shifts:list")
        )

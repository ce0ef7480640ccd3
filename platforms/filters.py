import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from core.layout import StrictButton, Submit
from platforms import selectors
from platforms.models import Meeting, Task


def _search_helper(aria_label, *columns) -> FormHelper:
    """The crispy helper of a platform list's filter: one row of columns, sent by GET."""
    helper = FormHelper()
    helper.form_method = "get"
    helper.attrs = {"novalidate": "", "role": "search", "aria-label": aria_label}
    helper.layout = Layout(Row(*columns, css_class="align-items-center"))
    return helper


class CheckboxFilter(django_filters.Filter):
    """A tick box: ticked (True) is for the filter method to act on, unticked (False) filters nothing."""

    field_class = forms.BooleanField


class TaskFilter(django_filters.FilterSet):
    """Filters of the open tasks list; an unknown platform (or another organisation's) makes it filter nothing.

    The "overdue" filter reads the list's `is_overdue`, so the list and its marks agree on the day
    (selectors.open_tasks_for with `today`).
    """

    platform = django_filters.ModelChoiceFilter(label=_("Platforma"), queryset=None, empty_label=_("všechny"))
    overdue = CheckboxFilter(label=_("Jen po termínu"), method="filter_overdue")

    class Meta:
        model = Task
        fields = ["platform", "overdue"]

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["platform"].queryset = selectors.platform_choices(user)
        self.form.helper = _search_helper(
            _("Filtr úkolů"),
            Column("platform", css_class="col-md-6"),
            Column("overdue", css_class="col-md-3 pt-md-4"),
            Column(
                StrictButton(_("Filtrovat"), type="submit", css_class="btn btn-primary btn-lg"),
                css_class="col-md-3 pt-md-3",
            ),
        )

    def filter_queryset(self, queryset):
        # An invalid platform voids the whole filter: "overdue" alone would look like the chosen platform's list.
        if self.is_bound and not self.is_valid():
            return queryset
        return super().filter_queryset(queryset)

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(is_overdue=True) if value else queryset


class MeetingFilter(django_filters.FilterSet):
    """The meeting list's filter: one platform of the organisation (an unknown one is shown and ignored)."""

    platform = django_filters.ModelChoiceFilter(label=_("Platforma"), queryset=None, empty_label=_("všechny platformy"))

    class Meta:
        model = Meeting
        fields = ["platform"]

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["platform"].queryset = selectors.platform_choices(user)
        self.form.helper = _search_helper(
            _("Filtr jednání"),
            Column("platform", css_class="col-md-8"),
            Column(Submit("filter", _("Filtrovat"), css_class="btn-lg"), css_class="col-md-4 pt-md-4"),
        )

    def chosen_platform(self):
        """The chosen platform, or None (none chosen, or not one of the organisation's)."""
        return self.form.cleaned_data.get("platform") if self.is_valid() else None

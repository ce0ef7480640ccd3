"""Pieces shared by the apps' django-filter FilterSets: the day range of a list and the form a list renders."""

import datetime

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock
from core.layout import Include


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DateRangeForm(forms.Form):
    """The form of a FilterSet with a day range: a "do" before the "od" is an error at "do" (and not applied)."""

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("Datum „do“ nesmí být před datem „od“."))
        return cleaned


class DateRangeFilterSet(django_filters.FilterSet):
    """A FilterSet with an inclusive day range, GET `date_from` ("Od") and `date_to` ("Do").

    `date_field` names the model field the range filters; on a DateTimeField a day runs from its local midnight
    to the next one (core.clock.day_start), so a range of days means the same in summer and in winter.
    A subclass lists both names in its `Meta.fields` where they belong in the form and keeps `Meta.form`.
    """

    date_field = "date"

    date_from = django_filters.DateFilter(label=_("Od"), method="filter_date_from", widget=date_input())
    date_to = django_filters.DateFilter(label=_("Do"), method="filter_date_to", widget=date_input())

    class Meta:
        form = DateRangeForm

    def _on_instants(self) -> bool:
        return isinstance(self._meta.model._meta.get_field(self.date_field), models.DateTimeField)

    def filter_date_from(self, queryset, name, value: datetime.date):
        if self._on_instants():
            return queryset.filter(**{f"{self.date_field}__gte": clock.day_start(value)})
        return queryset.filter(**{f"{self.date_field}__gte": value})

    def filter_date_to(self, queryset, name, value: datetime.date):
        if self._on_instants():
            return queryset.filter(**{f"{self.date_field}__lt": clock.day_start(value + datetime.timedelta(days=1))})
        return queryset.filter(**{f"{self.date_field}__lte": value})


def filter_card_helper(field_names, *, aria_label, reset_url: str) -> FormHelper:
    """The crispy helper of a list's filter card: the fields in one row, then "Filtrovat" and "Zrušit filtr"."""
    helper = FormHelper()
    helper.form_method = "get"
    helper.disable_csrf = True
    helper.form_class = "card card-body mb-3"
    helper.attrs = {"role": "search", "aria-label": aria_label, "novalidate": ""}
    helper.layout = Layout(
        Row(*[Column(name, css_class="col-sm-6 col-lg") for name in field_names], css_class="g-2 align-items-end"),
        # Plain buttons: a named submit would add "submit=…" to every filtered URL.
        Include("_filter_buttons.html", reset_url=reset_url),
    )
    return helper

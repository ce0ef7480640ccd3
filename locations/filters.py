import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.text import fold
from locations.choices import HousingType, Region
from locations.models import Locality


class LocalityFilter(django_filters.FilterSet):
    """Filters of the locality list; the export honours the same filters."""

    q = django_filters.CharFilter(
        label=_("Hledat"),
        method="filter_search",
        widget=forms.TextInput(attrs={"placeholder": _("název nebo obec"), "type": "search"}),
    )
    region = django_filters.ChoiceFilter(label=_("Kraj"), choices=Region.choices, empty_label=_("všechny kraje"))
    municipality_name = django_filters.CharFilter(label=_("Obec"), method="filter_municipality")
    housing_type = django_filters.ChoiceFilter(
        label=_("Typ bydlení"), choices=HousingType.choices, empty_label=_("všechny typy")
    )
    is_active = django_filters.ChoiceFilter(
        label=_("Stav"),
        choices=[("true", _("aktivní")), ("false", _("neaktivní"))],
        empty_label=_("aktivní i neaktivní"),
        method="filter_active",
    )

    class Meta:
        model = Locality
        fields = ["q", "region", "municipality_name", "housing_type", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

    def filter_search(self, queryset, name, value):
        term = fold(value.strip())
        return queryset.filter(Q(name_folded__contains=term) | Q(municipality_folded__contains=term))

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(municipality_folded__contains=fold(value.strip()))

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=(value == "true"))

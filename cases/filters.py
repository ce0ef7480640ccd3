import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.choices import TargetGroup
from cases.models import Client


class ClientFilter(django_filters.FilterSet):
    """Filters of the client list: by code and target group only (never by identifying data)."""

    code = django_filters.CharFilter(
        label=_("Kód klienta"),
        lookup_expr="icontains",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "K-2026-0042", "autocomplete": "off"}),
    )
    target_group = django_filters.ChoiceFilter(
        label=_("Cílová skupina"), choices=TargetGroup.choices, empty_label=_("všechny cílové skupiny")
    )

    class Meta:
        model = Client
        fields = ["code", "target_group"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

"""Inputs shared by the platforms app's forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.layout import Link


def platform_date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def cancel_link(url: str) -> Link:
    return Link(url, _("Zpět"))

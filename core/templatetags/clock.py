"""`{{ moment|clock }}`: a local time as people read it, with SELČ/SEČ on the night it happens twice."""

from django import template

from core import clock as clock_module

register = template.Library()


@register.filter
def clock(moment) -> str:
    """08:05 for a moment; 02:30 SELČ or 02:30 SEČ for the two 02:30s of the last Sunday of October."""
    return clock_module.clock_label(moment)


@register.filter
def clock_with_date(moment) -> str:
    return clock_module.clock_label(moment, with_date=True)

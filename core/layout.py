"""Crispy layout objects that never compile a string as a template. Forms import these, never crispy's own.

crispy-forms compiles several strings of a layout as Django templates at render time: a `Fieldset`'s legend, the
whole of `HTML(...)`, a `Submit`/`Button` value and a `StrictButton`'s content. A value that came from a user
(an institution's name as a legend, say) would run as template code there, with the whole page context in reach
(`request.user`, every relation from it). So in SVL:

- `Fieldset`, `Submit`, `Button` and `StrictButton` here show their legend, value or content as text: escaped,
  never compiled.
- There is no `HTML`. A piece of markup is a template file rendered by `Include(template_name, **context)`, with
  data passed as context, where Django's autoescaping applies as on any page.
- `Link` is a button-styled link whose URL and label are escaped.

tests/svl/test_template_injection.py fails when a module imports any of crispy's compiling objects or builds a
template from a string, so the rule holds for code added later.
"""

from dataclasses import dataclass

from crispy_forms import bootstrap, layout
from crispy_forms.utils import TEMPLATE_PACK
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString


class Fieldset(layout.Fieldset):
    """crispy's Fieldset whose legend is text (escaped), never a template."""

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        legend = conditional_escape(self.legend) if self.legend else SafeString("")
        template = self.get_template_name(template_pack)
        context.update({"fieldset": self, "legend": legend, "fields": fields})
        return render_to_string(template, context.flatten())


class _TextValueMixin:
    """A crispy input (Submit, Button) whose value is shown as given: its template escapes it."""

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        template = self.get_template_name(template_pack)
        context.update({"input": self})
        return render_to_string(template, context.flatten())


class Submit(_TextValueMixin, layout.Submit):
    """crispy's Submit; the value (the button's label) is text, never a template."""


class Button(_TextValueMixin, layout.Button):
    """crispy's Button; the value is text, never a template."""


class StrictButton(bootstrap.StrictButton):
    """crispy's <button>; its content is text (escaped), never a template."""

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        # crispy's button.html prints `button.content|safe`: it is handed the escaped text.
        button = _EscapedButton(flat_attrs=self.flat_attrs, content=conditional_escape(self.content))
        return render_to_string(self.get_template_name(template_pack), {**context.flatten(), "button": button})


@dataclass(frozen=True)
class _EscapedButton:
    """What crispy's button template reads of a StrictButton, with the content already escaped."""

    flat_attrs: str
    content: str


class Include:
    """A template file in the layout, rendered with the form's context plus `extra` (data only, autoescaped)."""

    def __init__(self, template_name: str, **extra):
        self.template_name = template_name
        self.extra = extra

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        return render_to_string(self.template_name, {**context.flatten(), "form": form, **self.extra})


class Link:
    """A link styled as a button, e.g. "Zpět" beside a form's submit; URL and label are escaped."""

    def __init__(self, url: str, label: str, *, css_class: str = "btn btn-outline-secondary btn-lg ms-2"):
        self.url = url
        self.label = label
        self.css_class = css_class

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        return format_html('<a class="{}" href="{}">{}</a>', self.css_class, self.url, self.label)

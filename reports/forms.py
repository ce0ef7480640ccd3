import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import Period, period_shortcut
from core.versioning import VersionedForm
from locations.choices import Region

MAX_PERIOD_YEARS = 3
# Reports cover real programme years; a date near year 9999 overflows the period's date arithmetic.
FIRST_REPORT_DAY, LAST_REPORT_DAY = datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)


def _years_after(start, years: int):
    """The same calendar day `years` later (1 March for 29 February in a common year)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, month=3, day=1)


class ReportForm(forms.Form):
    """Period (from–to, both included) plus the report's own choice (project, service or region)."""

    od = forms.DateField(label=_("Od"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    do = forms.DateField(label=_("Do"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, data=None, **kwargs):
        today = timezone.localdate()
        default = period_shortcut("month", today.year, today.month)
        # Without a period (first visit, or both dates cleared) the report covers the current month; the date
        # inputs are pre-filled with it so "Zobrazit" works at once (empty required inputs would block it).
        if data is not None and not (data.get("od") or data.get("do")):
            data = data.copy()
            data["od"], data["do"] = default.start.isoformat(), default.end.isoformat()
        kwargs.setdefault("initial", {}).update({"od": default.start, "do": default.end})
        super().__init__(data, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        cleaned = super().clean()
        for name in ("od", "do"):
            if cleaned.get(name) and not FIRST_REPORT_DAY <= cleaned[name] <= LAST_REPORT_DAY:
                self.add_error(name, _("Zadejte datum mezi lety 1990 a 2100."))
        start, end = cleaned.get("od"), cleaned.get("do")
        if start and end:
            if end < start:
                self.add_error("do", _("Konec období nemůže být před jeho začátkem."))
            elif end >= _years_after(start, MAX_PERIOD_YEARS):
                self.add_error("do", _("Období může být nejvýše tři roky."))
        return cleaned

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["od"], self.cleaned_data["do"])


class ProjectReportForm(ReportForm):
    project = forms.ModelChoiceField(label=_("Projekt"), queryset=None, empty_label=None)

    def __init__(self, data=None, *, projects, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["project"].queryset = projects
        if not self.is_bound:  # the shortcut links carry the choice, so the first visit has one
            self.initial.setdefault("project", projects.values_list("pk", flat=True).first())
        self.order_fields(["project", "od", "do"])


class ServiceReportForm(ReportForm):
    service = forms.ModelChoiceField(label=_("Služba"), queryset=None, empty_label=None)

    def __init__(self, data=None, *, services, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["service"].queryset = services
        if not self.is_bound:
            self.initial.setdefault("service", services.values_list("pk", flat=True).first())
        self.order_fields(["service", "od", "do"])


class SituationReportForm(ReportForm):
    region = forms.ChoiceField(label=_("Kraj"), choices=[("", _("všechny kraje")), *Region.choices], required=False)
    municipality = forms.CharField(label=_("Obec"), required=False, max_length=100)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.order_fields(["region", "municipality", "od", "do"])


class NarrativeForm(VersionedForm):
    text = forms.CharField(
        label=_("Slovní hodnocení za období"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Text se uloží k projektu a období a vloží se do PDF výkazu."),
    )

    def __init__(self, data=None, *, version: int = 0, **kwargs):
        # Always versioned: 0 stands for "no narrative written yet", which a colleague's first narrative makes stale.
        super().__init__(data, version=version, **kwargs)

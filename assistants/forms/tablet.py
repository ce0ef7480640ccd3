"""Forms of the APK's tablet page: field records, breaks, corrections, the note (assistants/views/tablet.py)."""

import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Field, Layout, Row
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assistants import selectors
from assistants.choices import Outcome
from assistants.forms.fields import during_shift, record_day
from assistants.models import FieldRecord, FieldRecordCategory, Shift
from core.forms import LocalDateTimeField, WallTimeMixin, after, fold_name
from core.layout import Submit
from core.validators import validate_no_control_characters_multiline
from core.versioning import VersionedForm

DRAFT_KEY_PREFIX = "svl:record-draft"


class CategoryRadioSelect(forms.RadioSelect):
    """Category radios; the syringes one is marked so the page's script can show the syringe count."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        category = getattr(value, "instance", None)
        if category is not None and category.requires_syringe_count:
            option["attrs"]["data-syringes"] = "true"
        return option


class FieldRecordForm(VersionedForm, WallTimeMixin, forms.ModelForm):
    """A field record of `shift`, new or (with `instance`) edited; services.record_create / record_update save it.

    New records carry a `client_token` made when the form is rendered, so a retried submit saves nothing twice;
    edits carry the record's `version` (optimistic locking).
    """

    time = forms.TimeField(
        label=_("Čas"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Zadejte čas."), "invalid": _("Zadejte čas ve tvaru 14:30.")},
    )
    client_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FieldRecord
        fields = [
            "category",
            "locality",
            "place",
            "description",
            "persons_involved",
            "outcome",
            "handed_over_to",
            "follow_up",
            "syringe_count",
        ]
        widgets = {
            "category": CategoryRadioSelect,
            "description": forms.Textarea(attrs={"rows": 2}),
            "persons_involved": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 999}),
            "syringe_count": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 10000}),
        }
        labels = {"place": _("Jiné místo"), "handed_over_to": _("Předáno komu")}
        help_texts = {"description": _("Nepište jména obyvatel.")}
        error_messages = {
            "category": {"required": _("Vyberte kategorii.")},
            "description": {"required": _("Popište stručně, co se stalo.")},
            "outcome": {"required": _("Vyberte výsledek.")},
        }

    def __init__(self, data=None, *, shift: Shift, instance: FieldRecord | None = None):
        self.shift = shift
        initial = {}
        if instance is None:
            planned = list(shift.localities.all())
            initial["locality"] = planned[0].pk if planned else None
            initial["client_token"] = str(uuid.uuid4())
            # Now, for a record written during the shift (the fold's initial answer too, on the night 02:30 repeats).
            shown = timezone.now() if shift.actual_end is None else None
        else:
            shown = instance.recorded_at
        if shown is not None:
            initial["time"] = timezone.localtime(shown).replace(second=0, microsecond=0).time()
        super().__init__(data, instance=instance, initial=initial)
        self.add_fold_field("time", stored=shown)
        categories = selectors.categories_for(shift.organisation_id)
        if instance is not None:  # keep the record's own category even if it has been deactivated since
            categories = categories | FieldRecordCategory.objects.filter(pk=instance.category_id)
        self.fields["category"].queryset = categories
        self.fields["category"].empty_label = None
        include = list(shift.localities.all()) + ([instance.locality] if instance and instance.locality else [])
        self.fields["locality"].queryset = selectors.record_localities_for(shift, include=include)
        self.fields["locality"].empty_label = _("— jen jiné místo —")
        self.fields["outcome"].choices = [("", _("vyberte výsledek")), *Outcome.choices]
        # A new record carries its client token, an edited one its version (VersionedForm).
        if instance is not None:
            del self.fields["client_token"]
        self.helper = FormHelper()
        self.helper.form_class = "record-form"
        # Server-side validation gives Czech messages at each field; the browser's own would pre-empt them.
        self.helper.attrs = {"novalidate": "", "data-submit-once": "", **self._draft_attrs(instance)}
        self.helper.layout = Layout(
            Field("category", template="assistants/_category_field.html"),
            Row(
                Column("time", css_class="col-3"),
                Column("locality", css_class="col-5"),
                Column("place", css_class="col-4"),
                css_class="g-2",
            ),
            fold_name("time"),
            Field("description", wrapper_class="record-description"),
            Row(
                Column("persons_involved", css_class="col-3"),
                Column("outcome", css_class="col-5"),
                Column("handed_over_to", css_class="col-4"),
                css_class="g-2",
            ),
            Row(
                Column("follow_up", css_class="col-5 pt-md-4"),
                Column(Div("syringe_count", css_id="syringe-count-field"), css_class="col-3"),
                Column(
                    Submit("submit", _("Uložit záznam"), css_class="btn-lg w-100"),
                    css_class="col-4 d-flex align-items-end mb-3",
                ),
                css_class="g-2",
            ),
            *(self.version_layout() if instance is not None else ["client_token"]),
        )

    @staticmethod
    def draft_prefix(shift: Shift) -> str:
        """The start of the localStorage keys of the shift's unsent record forms (see static/js/record_form.js)."""
        return f"{DRAFT_KEY_PREFIX}:{shift.pk}:"

    def _draft_attrs(self, instance):
        """Where the page's script keeps the unsent form: under the shift and the client_token (or the record)."""
        prefix = self.draft_prefix(self.shift)
        if instance is not None:
            return {
                "data-draft-key": f"{prefix}record-{instance.pk}",
                "data-draft-version": str(instance.version),
                "data-draft-restore": "" if self.is_bound else "true",
            }
        token = self.data.get("client_token") if self.is_bound else self.initial["client_token"]
        return {
            "data-draft-key": f"{prefix}{token}",
            "data-draft-prefix": prefix,
            "data-draft-restore": "" if self.is_bound else "true",
        }

    def clean_client_token(self):
        # A missing or mangled token cannot have been saved before: a fresh one still saves the record once.
        try:
            return uuid.UUID(self.cleaned_data["client_token"])
        except ValueError:
            return uuid.uuid4()

    def clean(self):
        cleaned = super().clean()
        # Said at the field (as the service says it), not only by the model's constraint above the form.
        if "locality" in cleaned and not cleaned.get("locality") and not cleaned.get("place", "").strip():
            self.add_error("locality", _("Vyberte lokalitu, nebo vyplňte jiné místo."))
        if (time := cleaned.get("time")) is not None:
            day = record_day(self.shift, time)
            recorded_at = self.wall_instant("time", day, time, fits=during_shift(self.shift))
            if recorded_at is not None:
                cleaned["recorded_at"] = recorded_at
        return cleaned

    def record_fields(self) -> dict:
        """Keyword arguments for services.record_create / record_update."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields}
        fields["recorded_at"] = data["recorded_at"]
        return fields


class OutlineSubmit(Submit):
    """A secondary submit button: crispy's Submit always adds btn-primary, which an outline class cannot undo."""

    field_classes = "btn btn-outline-primary"


class ShiftNoteForm(VersionedForm):
    """The shift note, sent when the APK submits an ended shift for review."""

    note = forms.CharField(
        label=_("Poznámka ke směně"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Co mentor potřebuje vědět. Nepište jména obyvatel."),
        validators=[validate_no_control_characters_multiline],
    )

    def __init__(self, data=None, *, shift: Shift):
        super().__init__(data, initial={"note": shift.note}, version=shift.version)
        self.helper = FormHelper()
        self.helper.form_action = reverse("shifts:submit", args=[shift.pk])
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            "note", "version", Submit("submit", _("Odevzdat směnu ke schválení"), css_class="btn-lg")
        )


class ShiftCorrectForm(WallTimeMixin, VersionedForm):
    """Correct the actual start and end of an ended or returned shift."""

    actual_start = LocalDateTimeField(label=_("Skutečný začátek"))
    actual_end = LocalDateTimeField(label=_("Skutečný konec"))

    def __init__(self, data=None, *, shift: Shift):
        initial = {"actual_start": shift.actual_start, "actual_end": shift.actual_end}
        super().__init__(data, initial=initial, version=shift.version)
        self.add_fold_field("actual_start", stored=shift.actual_start)
        self.add_fold_field("actual_end", stored=shift.actual_end)
        self.helper = FormHelper()
        self.helper.form_action = reverse("shifts:correct", args=[shift.pk])
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            Row(
                Column("actual_start", fold_name("actual_start"), css_class="col-sm-6"),
                Column("actual_end", fold_name("actual_end"), css_class="col-sm-6"),
                css_class="g-2",
            ),
            "version",
            OutlineSubmit("submit", _("Opravit časy")),
        )

    def clean(self):
        cleaned = super().clean()
        start = self.resolve_local("actual_start")
        self.resolve_local("actual_end", fits=after(start))
        return cleaned


class BreakAddForm(WallTimeMixin, VersionedForm):
    """A break recorded afterwards (its start and end known)."""

    started_at = LocalDateTimeField(label=_("Začátek přestávky"))
    ended_at = LocalDateTimeField(label=_("Konec přestávky"))

    def __init__(self, data=None, *, shift: Shift):
        self.shift = shift
        super().__init__(data, version=shift.version)
        self.add_fold_field("started_at")
        self.add_fold_field("ended_at")
        self.helper = FormHelper()
        self.helper.form_action = reverse("shifts:break_add", args=[shift.pk])
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            Row(
                Column("started_at", fold_name("started_at"), css_class="col-sm-6"),
                Column("ended_at", fold_name("ended_at"), css_class="col-sm-6"),
                css_class="g-2",
            ),
            "version",
            OutlineSubmit("submit", _("Přidat přestávku")),
        )

    def clean(self):
        cleaned = super().clean()
        # A break lies within the shift: that settles the fold when only one of the two times does.
        within = during_shift(self.shift)
        started_at = self.resolve_local("started_at", fits=within)
        after_start = after(started_at)
        ended_at = self.resolve_local("ended_at", fits=lambda moment: within(moment) and after_start(moment))
        if started_at and ended_at and ended_at <= started_at:
            self.add_error("ended_at", _("Konec přestávky musí být po jejím začátku."))
        return cleaned

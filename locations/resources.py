"""Import and export of the locality registry (django-import-export).

The file format is Czech and stable: the column headers and the region / housing-type labels are
the same whatever the user's interface language, so a file exported in one session imports in any
other. They are therefore plain constants, not translatable strings.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.results import RowResult

from accounts.models import Organisation
from core.importing import cells
from core.importing.columns import ColumnHelp
from core.spreadsheets import dataset_xlsx, spreadsheet_text, unguarded_text
from core.tabular import is_blank
from core.text import fold
from locations import services
from locations.choices import HousingType, Region
from locations.models import Locality

# Column header -> model field, in the order of the exported file.
COLUMNS = {
    "Název": "name",
    "Obec": "municipality_name",
    "Kód obce": "municipality_code",
    "ORP": "orp",
    "Kraj": "region",
    "Typ bydlení": "housing_type",
    "Odhad počtu obyvatel": "estimated_population",
    "Zeměpisná šířka": "latitude",
    "Zeměpisná délka": "longitude",
    "Popis": "description",
    "Aktivní": "is_active",
    "Zdroj": "source",
    "Rok": "source_year",
}
REQUIRED_COLUMNS = ("Název", "Obec", "Kód obce", "Kraj", "Typ bydlení")
COLUMN_BY_FIELD = {field: column for column, field in COLUMNS.items()}


# Shown on the import page (docs/import-localities.md has the same table).
IMPORT_COLUMNS_HELP = [
    ColumnHelp("Název", gettext_lazy("název lokality"), gettext_lazy("text"), "Předlice", True),
    ColumnHelp("Obec", gettext_lazy("obec, ve které lokalita leží"), gettext_lazy("text"), "Ústí nad Labem", True),
    ColumnHelp("Kód obce", gettext_lazy("kód obce podle ČSÚ"), gettext_lazy("6 číslic, začíná 5"), "554804", True),
    ColumnHelp("ORP", gettext_lazy("obec s rozšířenou působností"), gettext_lazy("text"), "Ústí nad Labem"),
    ColumnHelp("Kraj", gettext_lazy("kraj"), gettext_lazy("název kraje, i bez slova „kraj“"), "Ústecký kraj", True),
    ColumnHelp(
        "Typ bydlení",
        gettext_lazy("převažující typ bydlení"),
        gettext_lazy("ubytovna, bytové domy, rodinné domy, smíšená zástavba, jiné"),
        "bytové domy",
        True,
    ),
    ColumnHelp("Odhad počtu obyvatel", gettext_lazy("odhad počtu obyvatel"), gettext_lazy("celé číslo"), "1800"),
    ColumnHelp(
        "Zeměpisná šířka", gettext_lazy("poloha (WGS84)"), gettext_lazy("desetinné číslo, čárka i tečka"), "50,6706"
    ),
    ColumnHelp(
        "Zeměpisná délka", gettext_lazy("poloha (WGS84)"), gettext_lazy("desetinné číslo, čárka i tečka"), "14,0203"
    ),
    ColumnHelp("Popis", gettext_lazy("popis lokality"), gettext_lazy("text"), "Bývalá dělnická čtvrť"),
    ColumnHelp("Aktivní", gettext_lazy("je lokalita aktivní"), gettext_lazy("ano / ne, prázdné = ano"), "ano"),
    ColumnHelp("Zdroj", gettext_lazy("zdroj údajů"), gettext_lazy("text"), "terénní šetření"),
    ColumnHelp("Rok", gettext_lazy("rok údajů"), gettext_lazy("rok 1990–2100"), "2025"),
]


class TextWidget(widgets.CharWidget):
    """Trimmed text; numbers from XLSX cells become their text ('12', not '12.0')."""

    def clean(self, value, row=None, **kwargs):
        # An exported cell that looked like a formula carries a guarding apostrophe (core/spreadsheets.py); it is
        # removed again, so an exported file imports unchanged.
        return unguarded_text(cells.text(value))

    def render(self, value, obj=None, **kwargs):
        # The shared guard of every export: no formula, no control character that would break the XLSX file.
        return spreadsheet_text(value or "")


class MunicipalityCodeWidget(TextWidget):
    """ČSÚ code as text: Excel stores 554791 as a number and may show it as '554 791'."""

    def clean(self, value, row=None, **kwargs):
        return cells.without_spaces(super().clean(value, row, **kwargs))


class CzechDecimalWidget(widgets.DecimalWidget):
    """A decimal number with a decimal comma or point, rounded to the model field's places."""

    def __init__(self, *, decimal_places: int, **kwargs):
        self.decimal_places = decimal_places
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        return cells.decimal(value, decimal_places=self.decimal_places)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if kwargs.get("force_native_type"):
            return value
        # Czech Excel reads a decimal comma as a number.
        return f"{value.normalize():f}".replace(".", ",")


class CzechIntegerWidget(widgets.IntegerWidget):
    """A whole number; accepts '1 800' and '1800,0' as Czech Excel writes them."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        return cells.whole_number(value)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class CzechBooleanWidget(widgets.BooleanWidget):
    """ano / ne (also 1/0, true/false); an empty cell means ano."""

    def clean(self, value, row=None, **kwargs):
        return cells.yes_no(value, blank=True)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "ano" if value else "ne"


def _choice_key(text) -> str:
    """'Ústecký kraj', 'ustecky', 'Kraj  Vysočina' -> 'ustecky', 'ustecky', 'vysocina'."""
    return " ".join(word for word in fold(str(text)).split() if word != "kraj")


class ChoiceLabelWidget(widgets.Widget):
    """A choice written as its Czech label (any case, with or without diacritics), or as its code."""

    def __init__(self, choices, *, aliases: dict[str, str] | None = None, error, **kwargs):
        self.choices = choices
        self.aliases = aliases or {}
        self.error = error
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return ""
        code = cells.choice_lookup(self.choices, key=_choice_key, aliases=self.aliases).get(_choice_key(value))
        if code is None:
            raise cells.CellError(str(self.error) % {"value": value, "allowed": cells.choice_labels(self.choices)})
        return code

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        with translation.override("cs"):
            return str(dict(self.choices.choices).get(value, value))


class LocalityRowResult(RowResult):
    """A row result that knows whether the row was empty (skipped silently, not 'unchanged')."""

    def __init__(self):
        super().__init__()
        self.is_blank = False


class LocalityResource(resources.ModelResource):
    """Localities of one organisation, with Czech headers and labels.

    The organisation comes from the importing user, never from the file: rows are looked up and
    created only inside it, by the natural key (Kód obce, Název). Writes go through the locality
    services, so an import validates exactly like the form.
    """

    name = fields.Field(attribute="name", column_name="Název", widget=TextWidget())
    municipality_name = fields.Field(attribute="municipality_name", column_name="Obec", widget=TextWidget())
    municipality_code = fields.Field(
        attribute="municipality_code", column_name="Kód obce", widget=MunicipalityCodeWidget()
    )
    orp = fields.Field(attribute="orp", column_name="ORP", widget=TextWidget())
    region = fields.Field(
        attribute="region",
        column_name="Kraj",
        widget=ChoiceLabelWidget(
            Region,
            aliases={"Praha": Region.PRAHA, "hl. m. Praha": Region.PRAHA, "Vysočina": Region.VYSOCINA},
            error=gettext_lazy("Neznámý kraj „%(value)s“; použijte název kraje, např. Ústecký kraj."),
        ),
    )
    housing_type = fields.Field(
        attribute="housing_type",
        column_name="Typ bydlení",
        widget=ChoiceLabelWidget(
            HousingType, error=gettext_lazy("Neznámý typ bydlení „%(value)s“; povolené hodnoty: %(allowed)s.")
        ),
    )
    estimated_population = fields.Field(
        attribute="estimated_population", column_name="Odhad počtu obyvatel", widget=CzechIntegerWidget()
    )
    latitude = fields.Field(
        attribute="latitude", column_name="Zeměpisná šířka", widget=CzechDecimalWidget(decimal_places=6)
    )
    longitude = fields.Field(
        attribute="longitude", column_name="Zeměpisná délka", widget=CzechDecimalWidget(decimal_places=6)
    )
    description = fields.Field(attribute="description", column_name="Popis", widget=TextWidget())
    is_active = fields.Field(attribute="is_active", column_name="Aktivní", widget=CzechBooleanWidget())
    source = fields.Field(attribute="source", column_name="Zdroj", widget=TextWidget())
    source_year = fields.Field(attribute="source_year", column_name="Rok", widget=CzechIntegerWidget())

    class Meta:
        model = Locality
        fields = tuple(COLUMNS.values())
        import_id_fields = ("municipality_code", "name")
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
        skip_html_diff = True

    def __init__(self, *, organisation: Organisation | None = None, **kwargs):
        super().__init__(**kwargs)
        self.organisation = organisation
        self._natural_keys_seen: dict[tuple[str, str], int] = {}

    @classmethod
    def get_row_result_class(cls):
        return LocalityRowResult

    def get_queryset(self):
        if self.organisation is None:
            return Locality.objects.none()
        return Locality.objects.filter(organisation=self.organisation)

    def init_instance(self, row=None):
        return Locality(organisation=self.organisation)

    def before_import(self, dataset, **kwargs):
        self._natural_keys_seen = {}

    def import_row(self, row, instance_loader, **kwargs):
        # Spreadsheets often carry empty lines; they are not localities and not errors.
        if all(is_blank(value) for value in row.values()):
            row_result = self.get_row_result_class()()
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
            row_result.is_blank = True
            return row_result
        return super().import_row(row, instance_loader, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # Name the missing coordinate's column instead of the model's row-wide check constraint error.
        if "latitude" not in errors and "longitude" not in errors:
            if instance.latitude is None and instance.longitude is not None:
                errors["latitude"] = [_("Zadejte zeměpisnou šířku i délku, nebo ani jednu.")]
            elif instance.longitude is None and instance.latitude is not None:
                errors["longitude"] = [_("Zadejte zeměpisnou šířku i délku, nebo ani jednu.")]
        # A second row with the same natural key would silently overwrite the first one.
        key = (instance.municipality_code, instance.name)
        file_row = kwargs["row_number"] + 1  # the header is row 1
        if instance.name and key in self._natural_keys_seen:
            errors.setdefault("name", []).append(
                _("Lokalita s tímto názvem a kódem obce už je v souboru na řádku %(row)s.")
                % {"row": self._natural_keys_seen[key]}
            )
        else:
            self._natural_keys_seen.setdefault(key, file_row)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Field values only, so every bad cell of a row is reported at once. The locality services validate
        # the whole instance again when they save (organisation, unique natural key, check constraints),
        # and their ValidationError makes the row invalid just the same.
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[*errors, "organisation"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        values = {name: getattr(instance, name) for name in services.LOCALITY_FIELDS}
        if is_create:
            created = services.locality_create(organisation=self.organisation, **values)
            instance.pk = created.pk
            instance._state.adding = False
        else:
            # No form, no version to compare; the new version makes a form opened before the import stale.
            services.locality_update(locality=instance, version=None, **values)

    def after_import(self, dataset, result, **kwargs):
        # ModelResource resets the id sequence to max(id) here, which is only needed when a file
        # supplies ids (ours never does) and would race with concurrent inserts.
        pass

    def error_column(self, field_name: str) -> str:
        """The file column a validation error key belongs to ('' for errors of the whole row)."""
        if field_name == NON_FIELD_ERRORS:
            return ""
        return COLUMN_BY_FIELD.get(field_name, "")


EXPORT_CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def locality_export_file(localities, *, file_format: str) -> bytes:
    """The localities as an XLSX or CSV file in the import format (CSV: UTF-8 with BOM and ';' for Czech Excel)."""
    if file_format not in EXPORT_CONTENT_TYPES:
        raise ValueError(f"Unknown export format: {file_format}")
    native = file_format == "xlsx"
    dataset = LocalityResource().export(localities, force_native_type=native)
    if native:
        return dataset_xlsx(dataset, title="Lokality")
    return dataset.export("csv", delimiter=";").encode("utf-8-sig")

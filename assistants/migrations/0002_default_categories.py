"""The default code list of field-record categories (docs/domain.md), shared by every organisation."""

from django.db import migrations

DEFAULT_CATEGORIES = [
    ("public_order", "dohled nad veřejným pořádkem", False),
    ("school", "dohled u škol (přechody, příchod a odchod dětí)", False),
    ("truancy", "záškoláctví, doprovod dětí do školy", False),
    ("hostels", "monitoring ubytoven a rizikových míst", False),
    ("neighbours", "sousedské spory a jejich urovnání", False),
    ("cleanliness", "čistota veřejného prostranství, černé skládky", False),
    ("syringes", "sběr použitých injekčních stříkaček (akce „Jehla“)", True),
    ("ordinances", "dodržování obecně závazných vyhlášek (alkohol, psi, noční klid)", False),
    ("police", "součinnost s MP/PČR (společná hlídka, přivolání hlídky)", False),
    ("help", "pomoc a poradenství občanům (dluhy, bydlení, zaměstnání)", False),
    ("offices", "dohled na úřadech (ÚP, MěÚ)", False),
    ("prevention", "preventivní akce a besedy", False),
    ("gambling", "kontrola heren a barů (mladiství, alkohol)", False),
    ("first_aid", "první pomoc a mimořádné události", False),
    ("other", "jiné", False),
]


def create_defaults(apps, schema_editor):
    Category = apps.get_model("assistants", "FieldRecordCategory")
    for position, (code, name, syringes) in enumerate(DEFAULT_CATEGORIES, start=1):
        Category.objects.update_or_create(
            organisation=None,
            code=code,
            defaults={"name": name, "position": position * 10, "requires_syringe_count": syringes},
        )


def remove_defaults(apps, schema_editor):
    Category = apps.get_model("assistants", "FieldRecordCategory")
    Category.objects.filter(organisation=None, code__in=[code for code, _, _ in DEFAULT_CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("assistants", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, remove_defaults)]

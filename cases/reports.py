"""The MPSV statistics of a social service: aggregate counts only, never any identity.

Definitions (docs/domain.md): a contact counts when its date is within the period (both ends included).
Unique clients = distinct identified clients with at least one contact in the period; new = their first
contact ever is in the period. Interventions = contacts lasting at least the service's threshold.
Hours of direct work = the duration of identified and anonymous contacts, in hours.
"""

from django.db.models import Count, Exists, IntegerField, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _

from cases.choices import AgeBand, BasicActivity, CrimeType, Gender, SpecificTask, TargetGroup
from cases.models import AnonymousContact, Client, Contact, SocialService
from core.charts import bar_chart
from core.dates import Period
from core.reporting import Chart, Report, Table, hours


def mpsv_report(service: SocialService, period: Period) -> Report:
    in_period = Q(date__gte=period.start, date__lte=period.end)
    contacts = Contact.objects.filter(in_period, case__client__service=service)
    anonymous = AnonymousContact.objects.filter(in_period, service=service)

    first_contact = (
        Contact.objects.filter(case__client=OuterRef("pk"))
        .values("case__client")
        .annotate(first=Min("date"))
        .values("first")
    )
    clients = Client.objects.filter(
        Exists(Contact.objects.filter(in_period, case__client=OuterRef("pk"))), service=service
    ).annotate(first_contact=Subquery(first_contact))
    new_filter = Q(first_contact__gte=period.start, first_contact__lte=period.end)

    def by(field, choices):
        counted = {
            row[field]: row
            for row in clients.values(field).annotate(total=Count("id"), new=Count("id", filter=new_filter))
        }
        rows = [
            [str(label), counted.get(code, {}).get("total", 0), counted.get(code, {}).get("new", 0)]
            for code, label in choices
        ]
        return rows

    client_totals = clients.aggregate(total=Count("id"), new=Count("id", filter=new_filter))
    threshold = service.intervention_threshold_minutes
    contact_totals = contacts.aggregate(
        count=Count("id"),
        interventions=Count("id", filter=Q(duration_minutes__gte=threshold)),
        minutes=Coalesce(Sum("duration_minutes"), Value(0), output_field=IntegerField()),
        **{f"activity_{code}": Count("id", filter=Q(activities__contains=[code])) for code in BasicActivity.values},
        **{f"task_{code}": Count("id", filter=Q(specific_tasks__contains=[code])) for code in SpecificTask.values},
    )
    anonymous_totals = anonymous.aggregate(
        count=Count("id"),
        persons=Coalesce(Sum("persons_count"), Value(0), output_field=IntegerField()),
        minutes=Coalesce(Sum("duration_minutes"), Value(0), output_field=IntegerField()),
        **{f"activity_{code}": Count("id", filter=Q(activities__contains=[code])) for code in BasicActivity.values},
    )
    per_crime = {
        row["case__crime_type"]: row
        for row in contacts.values("case__crime_type").annotate(
            contacts=Count("id"), clients=Count("case__client", distinct=True)
        )
    }
    per_month = {
        row["month"]: row["count"]
        for row in contacts.annotate(month=TruncMonth("date")).values("month").annotate(count=Count("id"))
    }
    anonymous_per_month = {
        row["month"]: row["count"]
        for row in anonymous.annotate(month=TruncMonth("date")).values("month").annotate(count=Count("id"))
    }

    report = Report(
        title=_("Statistika sociální služby (MPSV)"),
        organisation=service.organisation,
        period=period,
        subtitle=f"{service.name} ({_('reg. č.')} {service.registration_number})",
    )
    direct_minutes = contact_totals["minutes"] + anonymous_totals["minutes"]
    report.facts = [
        (_("Unikátní identifikovaní klienti"), client_totals["total"]),
        (_("z toho noví"), client_totals["new"]),
        (_("Kontakty s klienty"), contact_totals["count"]),
        (_("z toho intervence (od %(minutes)s minut)") % {"minutes": threshold}, contact_totals["interventions"]),
        (_("Anonymní kontakty"), anonymous_totals["count"]),
        (_("Osoby v anonymních kontaktech"), anonymous_totals["persons"]),
        (_("Hodiny přímé práce"), hours(direct_minutes)),
    ]
    for title, field, choices in [
        (_("Klienti podle pohlaví"), "gender", Gender.choices),
        (_("Klienti podle věku"), "age_band", AgeBand.choices),
        (_("Klienti podle cílové skupiny"), "target_group", TargetGroup.choices),
    ]:
        report.tables.append(
            Table(
                title=title,
                columns=[_("Skupina"), _("Klienti"), _("z toho noví")],
                rows=by(field, choices),
                total=[_("Celkem"), client_totals["total"], client_totals["new"]],
            )
        )
    report.tables.append(
        Table(
            title=_("Kontakty a intervence"),
            columns=[_("Ukazatel"), _("Počet")],
            rows=[
                [_("kontakty s identifikovanými klienty"), contact_totals["count"]],
                [_("z toho intervence"), contact_totals["interventions"]],
                [_("anonymní kontakty"), anonymous_totals["count"]],
                [_("osoby v anonymních kontaktech"), anonymous_totals["persons"]],
                [_("hodiny přímé práce s identifikovanými klienty"), hours(contact_totals["minutes"])],
                [_("hodiny přímé práce v anonymních kontaktech"), hours(anonymous_totals["minutes"])],
            ],
            total=[_("Hodiny přímé práce celkem"), hours(direct_minutes)],
        )
    )
    report.tables.append(
        Table(
            title=_("Základní činnosti (§ 69)"),
            columns=[_("Činnost"), _("Kontakty s klienty"), _("Anonymní kontakty")],
            rows=[
                [str(label), contact_totals[f"activity_{code}"], anonymous_totals[f"activity_{code}"]]
                for code, label in BasicActivity.choices
            ],
        )
    )
    report.tables.append(
        Table(
            title=_("Specifické úkony"),
            columns=[_("Úkon"), _("Kontakty")],
            rows=[[str(label), contact_totals[f"task_{code}"]] for code, label in SpecificTask.choices],
        )
    )
    report.tables.append(
        Table(
            title=_("Podle druhu trestné činnosti"),
            columns=[_("Druh trestné činnosti"), _("Klienti"), _("Kontakty")],
            rows=[
                [str(label), per_crime.get(code, {}).get("clients", 0), per_crime.get(code, {}).get("contacts", 0)]
                for code, label in CrimeType.choices
            ],
            total=[_("Kontakty celkem"), "", contact_totals["count"]],
        )
    )
    months = period.months()
    labels = [f"{m:%-m/%Y}" for m in months]
    report.tables.append(
        Table(
            title=_("Kontakty podle měsíců"),
            columns=[_("Měsíc"), _("Kontakty s klienty"), _("Anonymní kontakty")],
            rows=[
                [label, per_month.get(m, 0), anonymous_per_month.get(m, 0)]
                for label, m in zip(labels, months, strict=True)
            ],
            total=[_("Celkem"), contact_totals["count"], anonymous_totals["count"]],
        )
    )
    report.charts.append(
        Chart(
            title=_("Kontakty podle měsíců"),
            svg=bar_chart(
                _("Kontakty podle měsíců"),
                labels,
                [
                    (_("Kontakty s klienty"), [per_month.get(m, 0) for m in months]),
                    (_("Anonymní kontakty"), [anonymous_per_month.get(m, 0) for m in months]),
                ],
            ),
        )
    )
    return report

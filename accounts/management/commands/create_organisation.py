import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import services
from accounts.choices import OrganisationKind, Role
from core import rls


class Command(BaseCommand):
    help = "Create an organisation and its first administrator (org_admin), for a fresh deployment."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Organisation name.")
        parser.add_argument("--ico", required=True, help="IČO, 8 digits with a valid check digit.")
        parser.add_argument("--kind", required=True, choices=OrganisationKind.values)
        parser.add_argument("--seat", default="", help="Seat municipality.")
        parser.add_argument("--admin-username", required=True)
        parser.add_argument("--admin-first-name", default="")
        parser.add_argument("--admin-last-name", default="")
        parser.add_argument("--admin-email", default="")
        parser.add_argument(
            "--admin-password-env",
            default="SVL_ADMIN_PASSWORD",
            help="Environment variable holding the password (default SVL_ADMIN_PASSWORD); prompted when unset.",
        )

    def handle(self, *args, **options):
        password = os.environ.get(options["admin_password_env"])
        if not password:
            if not self.stdin_is_interactive():
                raise CommandError(f"Set {options['admin_password_env']} or run interactively to enter the password.")
            password = getpass.getpass("Password for the administrator: ")
            if password != getpass.getpass("Password again: "):
                raise CommandError("The passwords do not match.")
        try:
            # The new organisation's audit rows: no organisation to work for before it exists (core/rls.py).
            with rls.all_organisations(), transaction.atomic():
                organisation = services.organisation_create(
                    name=options["name"], ico=options["ico"], kind=options["kind"], seat_municipality=options["seat"]
                )
                admin = services.user_create(
                    organisation=organisation,
                    username=options["admin_username"],
                    password=password,
                    roles=[Role.ORG_ADMIN],
                    first_name=options["admin_first_name"],
                    last_name=options["admin_last_name"],
                    email=options["admin_email"],
                )
        except ValidationError as error:
            messages = "; ".join(
                f"{field}: {' '.join(errs)}"
                for field, errs in getattr(error, "message_dict", {"": error.messages}).items()
            )
            raise CommandError(f"Nothing was created: {messages}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Created organisation {organisation} (IČO {organisation.ico}) and administrator {admin.username}."
            )
        )

    @staticmethod
    def stdin_is_interactive() -> bool:
        import sys

        return sys.stdin.isatty()

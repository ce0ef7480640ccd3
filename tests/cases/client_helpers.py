"""Shared set-up of the client page tests: a service, a client with identity and a case, request helpers."""

import io

from django.urls import reverse
from pypdf import PdfReader

from accounts.choices import Role
from tests.accounts.factories import UserFactory
from tests.cases.factories import CaseFactory, ClientFactory, ClientIdentityFactory, SocialServiceFactory

FULL_NAME = "Marie Nováková"
PHONE = "+420 777 123 456"
ADDRESS = "Předlická 12, Ústí nad Labem"
# Every page of one client; each must treat every role the same way (client_access_log is the lead's only).
CLIENT_URL_NAMES = ("client_detail", "client_edit", "client_file", "client_access_log")


def client_url(name: str, client) -> str:
    return reverse(f"cases:{name}", args=[client.pk])


def make_service(organisation, **fields):
    return SocialServiceFactory(organisation=organisation, **fields)


def client_with_case(organisation, *, workers, code="K-2026-0042", service=None, identity=True, **case_fields):
    """A client of `organisation` with identifying data (Marie Nováková) and one open case of `workers`."""
    client = ClientFactory(
        organisation=organisation,
        service=service or make_service(organisation),
        code=code,
        created_by=workers[0],
    )
    if identity:
        ClientIdentityFactory(client=client, full_name=FULL_NAME, phone=PHONE, address=ADDRESS)
    CaseFactory(client=client, workers=workers, **case_fields)
    return client


def other_liaison(organisation, username="jina_pracovnice"):
    """A liaison worker of the same organisation who is not assigned to the client's case."""
    return UserFactory(organisation=organisation, username=username, roles=[Role.LIAISON])


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def page_count(content: bytes) -> int:
    return len(PdfReader(io.BytesIO(content)).pages)


def flat(text: str) -> str:
    """PDF text with all runs of whitespace as one space (table cells wrap unpredictably)."""
    return " ".join(text.split())

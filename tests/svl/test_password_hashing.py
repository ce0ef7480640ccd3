"""Passwords are hashed with Argon2; an older PBKDF2 hash still works and is upgraded at the next login."""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse

import svl.settings
from svl import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_hashers(settings):
    """The project's own hashers, not the fast one tests/conftest.py puts in for every other test."""
    settings.PASSWORD_HASHERS = svl.settings.PASSWORD_HASHERS


def test_argon2_comes_first_and_pbkdf2_still_verifies():
    assert svl.settings.PASSWORD_HASHERS[:2] == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


def test_new_password_is_stored_with_argon2(real_hashers, apk):
    services.user_set_password(user=apk, password="dlouhé nové heslo pro tablet")

    apk.refresh_from_db()
    assert apk.password.startswith("argon2$argon2id$")
    assert apk.check_password("dlouhé nové heslo pro tablet")


def test_pbkdf2_password_is_rehashed_with_argon2_at_login(real_hashers, apk, password):
    apk.password = make_password(password, hasher="pbkdf2_sha256")
    apk.save(update_fields=["password"])

    response = Client().post(reverse("login"), {"username": "apk", "password": password})

    assert response.status_code == 302
    apk.refresh_from_db()
    assert apk.password.startswith("argon2$")

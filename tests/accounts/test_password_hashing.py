"""Passwords are hashed with Argon2id at OWASP's minimum (accounts/hashers.py), at most two at once per process; an
older
hash (PBKDF2, or Argon2 with argon2-cffi's 100 MiB default) still works and is upgraded at the next login."""

import platform
import threading

import argon2
import pytest
from django.conf import settings
from django.contrib.auth import hashers
from django.contrib.auth.hashers import get_hasher, make_password
from django.test import Client
from django.urls import reverse

import accounts.hashers
import svl.settings
from accounts import services
from accounts.hashers import Argon2PasswordHasher

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_hashers(settings):
    """The project's own hashers, not the fast one tests/conftest.py puts in for every other test."""
    settings.PASSWORD_HASHERS = svl.settings.PASSWORD_HASHERS


def test_argon2_comes_first_and_pbkdf2_still_verifies():
    assert svl.settings.PASSWORD_HASHERS[:2] == [
        "accounts.hashers.Argon2PasswordHasher",
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


def test_argon2id_with_owasps_minimum_parameters(real_hashers):
    hasher = get_hasher("default")

    encoded = hasher.encode("heslo k tabletu", hasher.salt())

    assert isinstance(hasher, Argon2PasswordHasher)
    assert (hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (2, 19 * 1024, 1)
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert hasher.verify("heslo k tabletu", encoded)
    assert not hasher.must_update(encoded)


def test_a_hash_with_the_old_100_mib_parameters_verifies_and_must_be_updated(real_hashers):
    old = hashers.Argon2PasswordHasher()  # Django's, with argon2-cffi's defaults
    encoded = old.encode("heslo k tabletu", old.salt())

    hasher = get_hasher("argon2")

    assert encoded.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")
    assert hasher.verify("heslo k tabletu", encoded)
    assert hasher.must_update(encoded)


def test_old_parameter_hash_is_rehashed_at_login(real_hashers, apk, password):
    old = hashers.Argon2PasswordHasher()
    apk.password = old.encode(password, old.salt())
    apk.save(update_fields=["password"])

    response = Client().post(reverse("login"), {"username": "apk", "password": password})

    assert response.status_code == 302
    apk.refresh_from_db()
    assert apk.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert apk.check_password(password)


def test_at_most_two_hashes_are_computed_at_once(monkeypatch):
    """Six threads hash at once; the Argon2 library (the boundary, faked) holds each call until released."""
    real_hash_secret = argon2.low_level.hash_secret
    state = threading.Condition()
    inside, most_inside, done = [0], [0], []
    release = threading.Event()

    def held_hash_secret(*args, **kwargs):
        with state:
            inside[0] += 1
            most_inside[0] = max(most_inside[0], inside[0])
            state.notify_all()
        release.wait(timeout=60)
        with state:
            inside[0] -= 1
        return real_hash_secret(*args, **kwargs)

    monkeypatch.setattr(argon2.low_level, "hash_secret", held_hash_secret)
    hasher = Argon2PasswordHasher()

    def hash_one(number):
        done.append(hasher.encode(f"heslo {number}", hasher.salt()))

    threads = [threading.Thread(target=hash_one, args=(number,)) for number in range(6)]
    for thread in threads:
        thread.start()
    with state:
        two_inside = state.wait_for(lambda: inside[0] == 2, timeout=60)
    # Both slots are taken by the two computations inside: the other four wait for one.
    free_slot = accounts.hashers.HASH_SLOTS.acquire(blocking=False)
    release.set()
    for thread in threads:
        thread.join(timeout=60)

    assert two_inside
    assert not free_slot
    assert most_inside[0] == 2
    assert len(done) == 6
    assert all(encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$") for encoded in done)


def test_two_concurrent_hashes_by_default():
    assert settings.PASSWORD_HASH_CONCURRENCY == 2


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="only glibc keeps freed blocks in per-thread arenas")
def test_glibc_returns_each_hashs_memory_when_it_is_freed():
    # The threshold is below the 19 MiB of a hash: each hash's memory is its own mapping, unmapped when freed.
    assert accounts.hashers.MMAP_THRESHOLD_BYTES < Argon2PasswordHasher.memory_cost * 1024
    assert accounts.hashers._return_hash_memory_when_freed()

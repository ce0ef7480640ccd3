"""Password hashing: Argon2id at OWASP's minimum cost, and a bound on how many hashes a process computes at once.

argon2-cffi's defaults, which Django's Argon2PasswordHasher uses (100 MiB, 2 passes, 8 lanes), made every login
hold 100 MiB for its hash: ten parallel logins took a server from 357 MB to 1.27 GB, and twenty users logging in
at once waited 8.5 s (p50). OWASP's Password Storage Cheat Sheet names m=19 MiB, t=2, p=1 as the minimum
configuration of Argon2id; that is what is used here. It is still memory-hard (a GPU or ASIC attacker pays 19 MiB
per guess), and with one lane a hash keeps one core busy instead of eight.

Memory must also stay bounded under a burst, which a cheaper hash alone does not do: every request that checks or
sets a password (a login, also a failed one with an unknown username, for which Django hashes anyway to hide that
the account does not exist) computes one. So at most PASSWORD_HASH_CONCURRENCY (2) computations run at once in a
process, and the others wait their turn: memory for hashing is at most that many times 19 MiB per process
(more only for old 100 MiB hashes, until their next login rehashes them), and a burst is served in turn instead
of all requests slowing each other down. glibc is told to return each hash's memory when it is freed
(`_return_hash_memory_when_freed`), or every thread that ever hashed would keep its own 19 MiB.

A hash with other parameters (the old default) still verifies, and Django's `must_update` rehashes it with these
at the user's next successful login.
"""

import ctypes
import ctypes.util
import threading

from django.conf import settings
from django.contrib.auth import hashers

# Shared by every thread of the process; the setting is read once, when Django first loads the hashers.
HASH_SLOTS = threading.BoundedSemaphore(settings.PASSWORD_HASH_CONCURRENCY)
# glibc's mallopt parameter: allocations of at least this many bytes are mmap()ed and unmapped when freed.
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 16 * 1024 * 1024


def _return_hash_memory_when_freed() -> bool:
    """Make glibc give each hash's 19 MiB back to the system when the hash is done; False where it cannot.

    By default glibc raises its mmap threshold to the size of the largest block freed (up to 32 MiB), so after
    the first hash every 19 MiB block comes from, and stays in, the arena of the thread that hashed: a threaded
    server kept 19 MiB for every thread that ever hashed (measured: ten threads, two hashing at a time, kept
    190 MB). A fixed threshold below 19 MiB keeps that memory at most PASSWORD_HASH_CONCURRENCY blocks, as
    intended. Smaller allocations are not affected. Other C libraries (musl) have no such arenas.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
    except (OSError, AttributeError):
        return False


_return_hash_memory_when_freed()


class Argon2PasswordHasher(hashers.Argon2PasswordHasher):
    """Django's Argon2id hasher with OWASP's minimum parameters and a bounded number of computations at once.

    Same algorithm name ("argon2"), so existing hashes verify with it, and `must_update` (Django's, comparing the
    parameters stored in the hash with these) upgrades them at the next login.
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

    def encode(self, password, salt):
        with HASH_SLOTS:
            return super().encode(password, salt)

    def verify(self, password, encoded):
        with HASH_SLOTS:
            return super().verify(password, encoded)

"""Shared test setup: cheap password hashing so tests that log in stay fast."""

import os

import pytest
from argon2 import PasswordHasher

# No idle-time preparation of every regency's profile (ui/profile.py) in the tests: each
# test database would start its own background work. tests/ui/test_prewarm.py tests it.
os.environ["SIAGA_PREWARM"] = "0"


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """argon2id with minimal cost inside the test process (AppTest runs in it too).

    Hashes record their own parameters, so verification is unaffected; subprocesses
    (CLI, browser server) keep the real cost.
    """
    from analytics import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))

"""Encryption of personal data at rest, with a keyed hash for lookups.

A database dump alone does not reveal a personal identity number: the value is encrypted
with `PERSONAL_DATA_KEY` (Fernet: AES-128-CBC + HMAC-SHA256), and found again through an
HMAC-SHA256 of the value under a key derived from the same secret. The key comes from the
environment; production refuses to start without it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


@cache
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode())


@cache
def _hash_key(key: str) -> bytes:
    return hashlib.sha256(b"inkludera-lookup:" + base64.urlsafe_b64decode(key)).digest()


def encrypt(value: str) -> str:
    """Encrypt a short text; the result is ASCII, safe for a CharField/TextField."""
    return _fernet(settings.PERSONAL_DATA_KEY).encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(settings.PERSONAL_DATA_KEY).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("the value was encrypted with another key") from exc


def lookup_hash(value: str) -> str:
    """A keyed hash for finding a record by its value without decrypting every row."""
    return hmac.new(
        _hash_key(settings.PERSONAL_DATA_KEY), value.encode(), hashlib.sha256
    ).hexdigest()

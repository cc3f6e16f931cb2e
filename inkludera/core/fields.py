"""A text field encrypted at rest, for personal data that is not a statistic (participants'
names and plans, a private customer's details on an invoice).

The database holds a Fernet token (`core.crypto.encrypt`, key `PERSONAL_DATA_KEY` from the
environment); Python sees the clear text. A database dump alone reveals none of it.
Encryption is randomised, so these fields cannot be filtered or sorted in SQL: find
people through a keyed hash instead (`Placement.person_key`).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from inkludera.core.crypto import decrypt, encrypt


class EncryptedTextField(models.TextField):
    description = "Text encrypted with PERSONAL_DATA_KEY"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

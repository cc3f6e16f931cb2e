"""A text field encrypted at rest (`core.crypto`), for a private customer's personal data.

The database holds a Fernet token; Python sees the clear text. Encryption is randomised, so
these fields cannot be filtered or sorted in SQL.
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

"""API authentication: personal bearer tokens, or the browser session.

A token acts as its user, in that user's roles and organisations; every endpoint still
fetches its objects through the owning app's access rules.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from inkludera.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = ApiToken.authenticate(token)
        if user is None:
            return None
        request.user = user
        return user


token_or_session = [TokenAuth(), SessionAuth()]

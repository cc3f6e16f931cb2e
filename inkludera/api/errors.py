"""Error bodies in the request's language (Swedish by default), never a 500 for bad input."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError


def _message(error: dict) -> str:
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    messages = {
        "missing": _("This field is required."),
        "int_parsing": _("Write a whole number."),
        "int_type": _("Write a whole number."),
        "float_parsing": _("Write a number."),
        "decimal_parsing": _("Write a number."),
        "bool_parsing": _("Write true or false."),
        "date_parsing": _("Write a date as YYYY-MM-DD."),
        "date_from_datetime_parsing": _("Write a date as YYYY-MM-DD."),
        "datetime_parsing": _("Write a time as YYYY-MM-DDTHH:MM."),
        "datetime_from_date_parsing": _("Write a time as YYYY-MM-DDTHH:MM."),
        "string_type": _("Write text."),
        "string_too_long": _("At most %(max)s characters.") % {"max": context.get("max_length")},
        "string_too_short": _("At least %(min)s characters.") % {"min": context.get("min_length")},
        "greater_than": _("Must be more than %(limit)s.") % {"limit": context.get("gt")},
        "greater_than_equal": _("Must be at least %(limit)s.") % {"limit": context.get("ge")},
        "less_than": _("Must be less than %(limit)s.") % {"limit": context.get("lt")},
        "less_than_equal": _("Must be at most %(limit)s.") % {"limit": context.get("le")},
        "enum": _("Choose one of: %(values)s.") % {"values": context.get("expected")},
        "literal_error": _("Choose one of: %(values)s.") % {"values": context.get("expected")},
        "uuid_parsing": _("Not a valid identifier."),
        "json_invalid": _("The body is not valid JSON."),
        "model_attributes_type": _("The body must be a JSON object."),
        "dict_type": _("The body must be a JSON object."),
        "list_type": _("Write a list."),
        "extra_forbidden": _("Unknown field."),
    }
    return messages.get(kind, error.get("msg", _("Invalid value.")))


def install(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [
            {
                "field": ".".join(
                    str(p)
                    for p in e.get("loc", ())
                    if p not in ("body", "query", "path", "payload")
                ),
                "message": _message(e),
            }
            for e in exc.errors
        ]
        return api.create_response(
            request, {"detail": _("The request has errors."), "errors": errors}, status=422
        )

    @api.exception_handler(DjangoValidationError)
    def on_django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            errors = [
                {"field": field, "message": message}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"field": "", "message": message} for message in exc.messages]
        return api.create_response(
            request, {"detail": _("The request has errors."), "errors": errors}, status=400
        )

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request, {"detail": _("Log in, or send a valid API token.")}, status=401
        )

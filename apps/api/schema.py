"""OpenAPI generation: every operation documents the errors it can answer, in the one error
shape (apps/api/exceptions.py), so clients and schema checkers know what to expect."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import AllowAny

from apps.api.common import ErrorSerializer

BODY_METHODS = {"POST", "PUT", "PATCH"}
ERROR_DESCRIPTIONS = {
    "400": "Invalid input: `errors` maps each field to its messages.",
    "401": "No credentials (where they are needed), or an invalid or revoked token.",
    "403": "Signed in with a session but the CSRF token is missing or wrong.",
    "404": "No such object among yours (another runner's ids are 404 too), or no such page.",
    "413": "The body is larger than the server accepts (2 MB).",
    "415": "The body is not JSON (send `Content-Type: application/json`).",
    "429": "Too many requests: wait the number of seconds in `Retry-After`.",
}


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = ERROR_DESCRIPTIONS[code]
                responses[code] = response
        return responses

    def _error_codes(self) -> list[str]:
        public = any(isinstance(p, AllowAny) for p in self.view.get_permissions())
        has_body = self.method in BODY_METHODS
        has_query = self.method == "GET" and bool(self._get_query_parameters_safe())
        codes = []
        if has_body or has_query:
            codes.append("400")
        # Even a public route answers 401 to a request carrying an invalid token.
        codes.append("401")
        if not public and self.method not in {"GET", "HEAD", "OPTIONS"}:
            codes.append("403")
        if "{" in self.path or has_query:
            codes.append("404")
        if has_body:
            codes.extend(["413", "415"])
        codes.append("429")
        return codes

    def _get_query_parameters_safe(self) -> list:
        return [
            *self._get_pagination_parameters(),
            *self._get_filter_parameters(),
            *self._get_query_parameters_declared(),
        ]

    def _get_query_parameters_declared(self) -> list:
        return [
            parameter
            for parameter in self.get_override_parameters()
            if getattr(parameter, "location", "query") == "query"
        ]

"""How our authentication classes appear in the OpenAPI schema."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "strom.api.authentication.PersonalTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "strom_…",
                "description": "A personal API token from the security page or `manage.py issue_token`."}


class MfaSessionScheme(OpenApiAuthenticationExtension):
    target_class = "strom.api.authentication.MfaSessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid",
                "description": "A browser session that has passed the second factor."}


ERROR_RESPONSES = {
    "400": "The request is not valid; the body names each problem.",
    "401": "No valid token or second-factor session.",
    "403": "Your roles in the organisation you act for do not allow this.",
    "404": "Not found, or not yours to see.",
}


def document_error_responses(result, generator, request, public):
    """Every operation may answer with the errors every operation shares: say so in the schema."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {"type": "object", "additionalProperties": True,
                        "properties": {"detail": {"type": "string"}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                responses.setdefault(status, {
                    "description": description,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
    return result

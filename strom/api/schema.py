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

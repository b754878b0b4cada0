"""Strom's one settings module.

Everything that differs between a laptop, CI and production comes from the environment and is
checked here, at start-up, so that a wrong value stops the process with a message that names it
instead of surfacing later as a puzzling error. ``STROM_ENV`` picks the defaults:

* ``production`` (the default): nothing is assumed; secrets and hosts must be given.
* ``development``: ``make demo``; DEBUG on, SQLite, secrets from ``var/demo.env``.
* ``test``: the test suite; fixed throw-away keys, fast password hashing.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from strom.lib import config

BASE_DIR = Path(__file__).resolve().parent.parent
ENVIRONMENT = config.choice("STROM_ENV", ("production", "development", "test"), default="production")
PRODUCTION = ENVIRONMENT == "production"
TESTING = ENVIRONMENT == "test"
DEBUG = config.boolean("STROM_DEBUG", default=ENVIRONMENT == "development")
if PRODUCTION and DEBUG:
    raise config.ConfigError("STROM_DEBUG must not be true in production: error pages would show data.")

# Throw-away secrets for the test suite only; production and the demo must bring their own.
_TEST_SECRETS = {
    "STROM_SECRET_KEY": "test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFG",
    "STROM_ENCRYPTION_KEYS": "k1:" + "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    "STROM_BLIND_INDEX_KEY": "dGVzdC1ibGluZC1pbmRleC1rZXktMDEyMzQ1Njc4OWFiY2RlZg==",
    "STROM_AUDIT_KEY": "dGVzdC1hdWRpdC1oYXNoLWNoYWluLWtleS0wMTIzNDU2Nzg5YWI=",
}


def _secret(name: str) -> str:
    return config.required(name, default=_TEST_SECRETS[name] if TESTING else None)


SECRET_KEY = _secret("STROM_SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise config.ConfigError("STROM_SECRET_KEY must be at least 50 characters long.")

# Field encryption, blind indexes and the audit chain each have their own key, never SECRET_KEY.
ENCRYPTION_KEYRING = config.keyring("STROM_ENCRYPTION_KEYS", _secret("STROM_ENCRYPTION_KEYS"))
BLIND_INDEX_KEY = config.key_bytes("STROM_BLIND_INDEX_KEY", _secret("STROM_BLIND_INDEX_KEY"))
AUDIT_KEY = config.key_bytes("STROM_AUDIT_KEY", _secret("STROM_AUDIT_KEY"))

# Reverse proxies in front of Strom that append to X-Forwarded-For: the client address for the
# audit trail, the lockout and rate limits is read through them. Production must say (0 for none).
TRUSTED_PROXY_COUNT = config.integer("STROM_TRUSTED_PROXY_COUNT", default=None if PRODUCTION else 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "strom.lib.net.axes_client_ip"

ALLOWED_HOSTS = config.csv("STROM_ALLOWED_HOSTS", default="" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise config.ConfigError("STROM_ALLOWED_HOSTS must name the host names Strom is served on.")
CSRF_TRUSTED_ORIGINS = config.csv("STROM_CSRF_TRUSTED_ORIGINS", default="")

# No Django admin: every write goes through a service that checks its policy and is audited.
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "strom.lib",
    "strom.audit",
    "strom.network",
    "strom.screening",
    "strom.referrals",
    "strom.casefiles",
    "strom.assistance",
    "strom.accounts",
    "strom.api",
    "strom.web",
    "strom.cases",
    "strom.protection",
    "strom.hotline",
    "strom.stats",
    "strom.interchange",
    "strom.municipal",
    "strom.prevention",
    "strom.practices",
    "strom.costs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "strom.web.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "strom.accounts.middleware.SessionActivityMiddleware",  # also feeds allauth's session list
    "allauth.account.middleware.AccountMiddleware",
    "strom.accounts.middleware.RequireSecondFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "strom.urls"
WSGI_APPLICATION = "strom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "strom" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "strom.web.context.shell",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
DATABASES = {"default": config.database("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'strom.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: Redis when configured (several app servers share it), else local memory -----------
REDIS_URL = config.optional("REDIS_URL")
if REDIS_URL:
    config.check_url("REDIS_URL", REDIS_URL, schemes=("redis", "rediss", "unix"))
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # Used TOTP codes, rate limits and lockouts must be seen by every worker: one process only.
    if PRODUCTION and not config.boolean("STROM_SINGLE_PROCESS", default=False):
        raise config.ConfigError("REDIS_URL is required in production (several workers share the cache); "
                                 "set STROM_SINGLE_PROCESS=true only if one process serves Strom.")
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Tasks: the database backend needs no broker ----------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend" if TESTING
                     else "django_tasks_db.DatabaseBackend"}}

# --- Authentication ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# History rows get UUID ids, so encrypted columns in them can be bound to their own row.
SIMPLE_HISTORY_HISTORY_ID_USE_UUID = True
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"] if TESTING else []
) + ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "strom.accounts.adapters.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Per address only: a limit per user name would let anyone keep a colleague locked out (axes below
# pairs user name and address instead).
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip"}
MFA_ADAPTER = "strom.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_TOTP_ISSUER = "Strom"
USERSESSIONS_TRACK_ACTIVITY = True

# django-axes: lock a username from one address for a while, never for ever, so an attacker who
# knows a colleague's user name cannot lock her out of her own work.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "strom.accounts.lockout.attempted_login"
AXES_LOCKOUT_CALLABLE = "strom.accounts.lockout.locked_out"
AXES_VERBOSE = False
AXES_ENABLED = config.boolean("STROM_AXES_ENABLED", default=True)

# --- Sessions: 30 minutes idle, 12 hours absolute ---------------------------------------------
SESSION_ENGINE = "django.contrib.sessions.backends.cache" if REDIS_URL else "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)
# The store forgets a session once it is idle too long; SessionActivityMiddleware ends it exactly.
SESSION_COOKIE_AGE = int((SESSION_IDLE_TIMEOUT + timedelta(minutes=2)).total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# --- Security headers -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = config.boolean("STROM_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(timedelta(days=365).total_seconds())
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- E-mail -----------------------------------------------------------------------------------
vars().update(config.email("STROM_EMAIL_URL", default="console:" if not PRODUCTION else None))
DEFAULT_FROM_EMAIL = config.optional("STROM_DEFAULT_FROM_EMAIL") or "strom@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("lv", _("Latvian")),
    ("lt", _("Lithuanian")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("da", _("Danish")),
    ("nb", _("Norwegian Bokmål")),
    ("de", _("German")),
    ("pl", _("Polish")),
    ("nl", _("Dutch")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
]
LOCALE_PATHS = [BASE_DIR / "strom" / "locale"]
TIME_ZONE = config.optional("STROM_TIME_ZONE") or "Europe/Riga"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
# Uploaded documents (encrypted; never served as media: no MEDIA_URL route exists).
MEDIA_ROOT = Path(config.optional("STROM_MEDIA_ROOT") or BASE_DIR / "var" / "media")
MAX_DOCUMENT_MB = config.integer("STROM_MAX_DOCUMENT_MB", default=20, minimum=1)  # a case document, at most
# Statistics: cells under this count are suppressed for viewers without access to every case behind them.
DISCLOSURE_THRESHOLD = config.integer("STROM_DISCLOSURE_THRESHOLD", default=10, minimum=1)
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# strom/ itself is no app, so its static/ (the design system, htmx, strom.css) must be named here.
STATICFILES_DIRS = [BASE_DIR / "strom" / "static"]
WHITENOISE_USE_FINDERS = not PRODUCTION  # development and tests serve straight from the apps
STORAGES = {
    # Uploaded documents, encrypted at rest; served only by access-checked, audited views.
    "default": {"BACKEND": "strom.lib.storage.EncryptedFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if not PRODUCTION
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# --- API --------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "strom.api.authentication.PersonalTokenAuthentication",
        "strom.api.authentication.MfaSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "strom.api.pagination.KeysetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": "6000/hour"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Strom API",
    "DESCRIPTION": "Municipalities and their partners acting together against trafficking in human beings.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {"ScreeningAnswerEnum": "strom.screening.models.Answer",
                            "CasePlaceKindEnum": "strom.cases.vocabularies.PlaceKind",
                            "DocumentKindEnum": "strom.casefiles.models.DocumentKind"},
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "strom.api.schema.document_error_responses",
    ],
}
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] |= {  # assistance: several vocabularies share field names
    f"{name}Enum": f"strom.assistance.vocabularies.{name}" for name in (
        "GoalStatus", "ClaimStatus", "ReturnStatus", "PlanStatus", "ProceedingKind", "ProceedingStage")} | {
    "ScreeningStatusEnum": "strom.screening.models.ScreeningStatus",
    "FrameworkKindEnum": "strom.screening.models.FrameworkKind",
    # protection shares the field names "unit" and "level": keep the older names where they were
    "UnitEnum": "strom.assistance.vocabularies.Unit",
    "LevelEnum": "strom.cases.models.DecisionLevel",
    "LengthUnitEnum": "strom.protection.models.LengthUnit",
    "RiskLevelEnum": "strom.protection.models.RiskLevel",
    "ChannelEnum": "strom.prevention.vocabularies.Channel",  # prevention: "channel" and "channels"
    "ConsentHowEnum": "strom.cases.consent.How"}  # the hotline's escalation asks how consent was given

# --- Logging: never personal data, so no request bodies and no SQL parameters ----------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": config.optional("STROM_LOG_LEVEL") or "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING", "propagate": True}},
}
ADMINS: list[tuple[str, str]] = []


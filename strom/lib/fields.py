"""Model fields that keep personal data encrypted at rest, and blind indexes to find it again.

``EncryptedTextField`` stores ``crypto.encrypt`` tokens whose associated data is
``"<app_label>.<model>.<field>.<pk>"``, so a token is only valid in the row and column it was
written for. The row id must be known before the INSERT, hence the rule that models using the
field have a UUID primary key with a default.

How a value travels:

* reading from the database gives a ``Sealed`` token (``from_db_value`` does not know the row);
* the attribute descriptor opens it on first access, using the instance's primary key, and
  keeps the plaintext on the instance;
* ``pre_save`` encrypts the plaintext for the row, or writes an untouched ``Sealed`` token back
  as it was.

Plaintext therefore never reaches SQL: ``get_prep_value`` accepts only ``Sealed`` tokens (and
None / ""), which refuses ``QuerySet.update(field="...")``, ``bulk_update`` and comparisons.
``values()`` / ``values_list()`` give ``Sealed`` objects, not plaintext.

Renaming the model, the app label or the field changes the associated data: existing values
then need a data migration that decrypts with the old and encrypts with the new name.
"""

from __future__ import annotations

from django.core import checks
from django.core.exceptions import FieldDoesNotExist, FieldError, ImproperlyConfigured
from django.db import models
from django.db.models.lookups import Exact
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import class_prepared, post_init

from strom.lib import crypto


class Sealed:
    """A token as stored in the database, not opened yet.

    ``associated_data`` remembers the row the token was loaded for, so that a row copied under a
    new primary key (``obj.pk = uuid4(); obj.save()``) is re-encrypted for its new id instead of
    being written with a token that no longer opens.
    """

    __slots__ = ("token", "associated_data")

    def __init__(self, token: str, associated_data: bytes | None = None):
        self.token = token
        self.associated_data = associated_data

    def __repr__(self) -> str:
        return "<Sealed ciphertext>"


def _label(field: models.Field) -> str:
    return f"{field.model._meta.label_lower}.{field.name}"


def _refused(field: models.Field, what: str) -> FieldError:
    return FieldError(
        f"{_label(field)} is encrypted, so it cannot be {what}. Use __isnull, or a BlindIndexField "
        "with strom.lib.fields.blind_lookup() for exact search."
    )


class _NullOnlyExact(Exact):
    """``field=None`` is Django's spelling of ``field__isnull=True``; every other value is refused."""

    def __init__(self, lhs, rhs):
        if rhs is not None:
            raise _refused(lhs.output_field, "compared in a query")
        super().__init__(lhs, rhs)


class _EncryptedAttribute(DeferredAttribute):
    """Opens a ``Sealed`` value on first access, with the instance's row as associated data.

    A data descriptor (it defines ``__set__``), so every read passes through ``__get__`` even
    though the value lives in ``instance.__dict__``.
    """

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = super().__get__(instance, cls)  # loads a deferred field
        if isinstance(value, Sealed):
            value = self.field.open(value, instance)
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):
    """Text encrypted with AES-256-GCM, bound to its model, field and row. Only ``isnull`` lookups."""

    descriptor_class = _EncryptedAttribute

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)
        if not cls._meta.abstract:  # abstract models hand a copy of the field to each child
            class_prepared.connect(self._check_primary_key, sender=cls)
            post_init.connect(self._bind_loaded_value, sender=cls)

    def _check_primary_key(self, sender, **kwargs):
        # Runs once the class is complete: only then is the primary key known.
        class_prepared.disconnect(self._check_primary_key, sender=sender)
        pk = sender._meta.pk
        if not (isinstance(pk, models.UUIDField) and pk.has_default()):
            raise ImproperlyConfigured(
                f"{sender._meta.label}.{self.name} is an EncryptedTextField, so the model needs a "
                "UUIDField primary key with a default (e.g. default=uuid.uuid4): the row id is part "
                "of the associated data and must be known before the INSERT."
            )

    def _bind_loaded_value(self, instance, **kwargs):
        value = instance.__dict__.get(self.attname)
        if isinstance(value, Sealed) and value.associated_data is None and instance.pk is not None:
            value.associated_data = self.associated_data(instance)

    def associated_data(self, instance) -> bytes:
        return self.associated_data_for_pk(instance.pk)

    def associated_data_for_pk(self, pk) -> bytes:
        # to_python gives one spelling of the UUID whether it came as str, UUID or from the DB.
        pk = self.model._meta.pk.to_python(pk)
        if pk is None:
            raise ValueError(f"{_label(self)}: the row needs a primary key before it is encrypted.")
        return f"{_label(self)}.{pk}".encode()

    def open(self, sealed: Sealed, instance) -> str:
        return crypto.decrypt(sealed.token, sealed.associated_data or self.associated_data(instance))

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return Sealed(value)

    def to_python(self, value):
        if isinstance(value, Sealed):
            return value
        return super().to_python(value)

    def get_prep_value(self, value):
        if isinstance(value, Sealed):
            return value.token
        if value is None or value == "":
            return value
        raise TypeError(
            f"{_label(self)}: plaintext is encrypted by Model.save() (pre_save) only; it cannot be "
            "written with QuerySet.update() or bulk_update(), nor used as a query value."
        )

    def pre_save(self, model_instance, add):
        if self.attname not in model_instance.__dict__:
            getattr(model_instance, self.attname)  # deferred: load it rather than write NULL
        value = model_instance.__dict__[self.attname]
        if value is None or value == "":
            return value
        associated_data = self.associated_data(model_instance)
        if isinstance(value, Sealed):
            return self._reseal(value, associated_data)
        return Sealed(crypto.encrypt(self.to_python(value), associated_data))

    def _reseal(self, sealed: Sealed, associated_data: bytes) -> Sealed:
        if sealed.associated_data in (None, associated_data):
            return sealed  # unchanged: write the stored token back, no needless re-encryption
        # The primary key changed since loading (a copied row): bind the value to the new row.
        return Sealed(crypto.reencrypt(sealed.token, sealed.associated_data, associated_data))

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        if lookup_name == "exact":
            return _NullOnlyExact
        raise _refused(self, f"searched with __{lookup_name}")

    def get_transform(self, lookup_name):
        raise _refused(self, f"transformed with __{lookup_name}")


def index_for(plaintext: str | None, purpose: str) -> str | None:
    """The blind index stored for ``plaintext``; empty values have none."""
    if plaintext is None or plaintext == "":
        return None
    return crypto.blind_index(str(plaintext), purpose)


class BlindIndexField(models.CharField):
    """HMAC of another field's normalised plaintext, filled on save, for exact search.

    ``purpose`` selects the derived key; it defaults to ``"<app_label>.<model>.<source>"``. Give it
    explicitly if the model may be renamed, since a changed purpose makes every stored index stale.
    ``save(update_fields=[...])`` must name this field together with its source.
    """

    _FIXED = {"max_length": 64, "editable": False, "db_index": True, "null": True}

    def __init__(self, source: str, purpose: str | None = None, **kwargs):
        self.source = source
        self.explicit_purpose = purpose
        super().__init__(**{**kwargs, **self._FIXED})

    @property
    def purpose(self) -> str:
        return self.explicit_purpose or f"{self.model._meta.label_lower}.{self.source}"

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in self._FIXED:
            kwargs.pop(key, None)
        kwargs["source"] = self.source
        if self.explicit_purpose is not None:
            kwargs["purpose"] = self.explicit_purpose
        return name, path, args, kwargs

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        try:
            self.model._meta.get_field(self.source)
        except FieldDoesNotExist:
            errors.append(checks.Error(
                f"BlindIndexField source {self.source!r} is not a field of {self.model._meta.label}.",
                obj=self, id="strom_lib.E001",
            ))
        return errors

    def pre_save(self, model_instance, add):
        source = self.model._meta.get_field(self.source)
        value = index_for(getattr(model_instance, source.attname), self.purpose)
        setattr(model_instance, self.attname, value)
        return value


def blind_lookup(model: type[models.Model], source_field_name: str, value: str | None) -> dict:
    """Filter kwargs for an exact search on an indexed field: ``filter(**blind_lookup(...))``."""
    for field in model._meta.concrete_fields:
        if isinstance(field, BlindIndexField) and field.source == source_field_name:
            return {field.name: index_for(value, field.purpose)}
    raise FieldError(f"{model._meta.label}.{source_field_name} has no BlindIndexField.")

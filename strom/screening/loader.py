"""Loading the indicator frameworks from the data files in strom/screening/frameworks/.

A file changes a framework without code. What happens to the version in the database:
- no version yet: the file becomes its first version;
- the same definition (same digest): nothing;
- a different definition, and no screening has used the current version: it is rewritten in place;
- a different definition, and a screening used the current version: that version is kept as it is
  and marked superseded, and the file becomes a new version (the next number). Old screenings keep
  pointing at the version they were made with, so their explanation never changes under them.
Each load that changes something appends an audit event in the same transaction. The rule itself is
strom/lib/versioned.py, shared with the municipal checklist.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from strom.audit.services import record
from strom.lib.versioned import CREATED, REPLACED, SUPERSEDED, UNCHANGED, digest_of, place  # noqa: F401 — re-exported
from strom.screening import rules
from strom.screening.models import Dimension, Framework, FrameworkKind, FrameworkStatus, Indicator, Population

FRAMEWORKS_DIR = Path(__file__).resolve().parent / "frameworks"


def read_definitions(directory: Path = FRAMEWORKS_DIR) -> list[dict]:
    definitions = []
    for path in sorted(directory.glob("*.json")):
        definition = json.loads(path.read_text(encoding="utf-8"))
        check_definition(definition, path.name)
        definitions.append(definition)
    return definitions


class DefinitionError(ValidationError):
    pass


def check_definition(definition: dict, name: str = "") -> None:
    """Refuse a definition the evaluation could not use, naming the file and the problem."""
    try:
        _check_header(definition)
        _check_dimensions(definition)
    except DefinitionError as error:
        raise ValidationError(f"{name or definition.get('code', '?')}: {error.messages[0]}") from None


def _check_header(definition: dict) -> None:
    for key in ("code", "version", "title", "kind", "source", "status", "valid_from", "dimensions"):
        if key not in definition:
            raise DefinitionError(f"'{key}' is missing")
    if definition["kind"] not in FrameworkKind.values:
        raise DefinitionError(f"kind must be one of {FrameworkKind.values}")
    if definition["status"] not in FrameworkStatus.values:
        raise DefinitionError(f"status must be one of {FrameworkStatus.values}")
    if definition["status"] == FrameworkStatus.NEEDS_VERIFICATION and not definition.get("verification_note"):
        raise DefinitionError("say what needs verification (verification_note)")
    try:
        date.fromisoformat(definition["valid_from"])
    except (TypeError, ValueError):
        raise DefinitionError("valid_from must be a date (YYYY-MM-DD)") from None
    if definition["kind"] == FrameworkKind.INDICATORS and definition.get("population") not in Population.values:
        raise DefinitionError(f"population must be one of {Population.values}")


def _check_dimensions(definition: dict) -> None:
    scored = definition["kind"] == FrameworkKind.INDICATORS
    codes: set[str] = set()
    for dimension in definition["dimensions"]:
        if scored and dimension.get("element") not in rules.ELEMENTS:
            raise DefinitionError(f"dimension {dimension.get('code')}: element must be one of {rules.ELEMENTS}")
        for indicator in dimension["indicators"]:
            if indicator["code"] in codes:
                raise DefinitionError(f"indicator code {indicator['code']} appears twice")
            codes.add(indicator["code"])
            if scored and indicator.get("grade") not in rules.GRADES:
                raise DefinitionError(f"indicator {indicator['code']}: grade must be one of {rules.GRADES}")
            if not indicator.get("question") or not indicator.get("label"):
                raise DefinitionError(f"indicator {indicator['code']}: needs a label and a question")
    if scored and {d["element"] for d in definition["dimensions"]} != set(rules.ELEMENTS):
        raise DefinitionError("an indicator set needs dimensions for recruitment, exploitation and coercion")


def load_frameworks(directory: Path = FRAMEWORKS_DIR) -> list[tuple[str, int, str]]:
    """Bring the database up to the files; returns (code, version, what happened) for each file."""
    report = []
    for definition in read_definitions(directory):
        with transaction.atomic():
            report.append(_load_one(definition))
    return report


def _load_one(definition: dict) -> tuple[str, int, str]:
    code, digest = definition["code"], digest_of(definition)
    framework, action = place(Framework, definition, digest, used_by="screenings", parts="dimensions")
    if action == UNCHANGED:
        return code, framework.version, action
    _fill(framework, definition, digest)
    record(f"screening.framework_{action}", target=framework,
           detail={"code": code, "version": framework.version})
    return code, framework.version, action


def _fill(framework: Framework, definition: dict, digest: str) -> None:
    framework.title = definition["title"]
    framework.kind = definition["kind"]
    framework.population = definition.get("population") or ""
    framework.exploitation = definition.get("exploitation") or ""
    framework.source = definition["source"]
    framework.status = definition["status"]
    framework.verification_note = definition.get("verification_note") or ""
    framework.valid_from = date.fromisoformat(definition["valid_from"])
    framework.digest = digest
    framework.save()
    for order, spec in enumerate(definition["dimensions"]):
        dimension = Dimension.objects.create(framework=framework, code=spec["code"], order=order,
                                             title=spec["title"], element=spec.get("element") or "",
                                             question=spec.get("question") or "")
        Indicator.objects.bulk_create(
            Indicator(dimension=dimension, code=item["code"], order=position, grade=item.get("grade") or "",
                      label=item["label"], question=item["question"], help=item.get("help") or "")
            for position, item in enumerate(spec["indicators"]))

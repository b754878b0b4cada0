"""Loading the self-assessment checklist from strom/municipal/data/*.toml (as screening loads frameworks).

What a file does to the version in the database:
- no version yet: the file becomes version 1 (or the file's version, if higher);
- the same content (same digest): nothing;
- different content, and no assessment used the current version: it is rewritten in place;
- different content, and an assessment used it: that version is kept unchanged and marked superseded,
  and the file becomes the next version. Old assessments keep the items they were scored against.
Each load that changes something appends an audit event in the same transaction.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from strom.audit.services import record
from strom.lib.versioned import UNCHANGED, digest_of, place
from strom.municipal.models import Checklist, ChecklistArea, ChecklistItem

DATA_DIR = Path(__file__).resolve().parent / "data"
INPUTS = {"", "trained_share"}


def read_definitions(directory: Path = DATA_DIR) -> list[dict]:
    definitions = []
    for path in sorted(directory.glob("*.toml")):
        definition = tomllib.loads(path.read_text(encoding="utf-8"))
        check_definition(definition, path.name)
        definitions.append(definition)
    return definitions


def check_definition(definition: dict, name: str = "") -> None:
    """Refuse a definition that could not be scored, naming the file and the problem."""
    def fail(problem: str):
        raise ValidationError(f"{name or definition.get('code', '?')}: {problem}")

    for key in ("code", "version", "title", "source", "valid_from", "levels", "areas"):
        if key not in definition:
            fail(f"'{key}' is missing")
    try:
        date.fromisoformat(str(definition["valid_from"]))
    except ValueError:
        fail("valid_from must be a date (YYYY-MM-DD)")
    if sorted(definition["levels"]) != ["0", "1", "2", "3"]:
        fail("levels must give the meaning of 0, 1, 2 and 3")
    problem = _problem_in_areas(definition["areas"])
    if problem:
        fail(problem)


def _problem_in_areas(areas: list) -> str | None:
    codes: set[str] = set()
    for area in areas:
        if not area.get("code") or not area.get("title") or not area.get("items"):
            return "every area needs a code, a title and items"
        for item in area["items"]:
            if not item.get("code") or not item.get("text"):
                return f"area {area['code']}: every item needs a code and a text"
            if item["code"] in codes:
                return f"item code {item['code']} appears twice"
            if item.get("input", "") not in INPUTS:
                return f"item {item['code']}: input must be one of {sorted(INPUTS)}"
            codes.add(item["code"])
    return None


def load_checklists(directory: Path = DATA_DIR) -> list[tuple[str, int, str]]:
    """Bring the database up to the files; (code, version, what happened) for each file."""
    report = []
    for definition in read_definitions(directory):
        with transaction.atomic():
            report.append(_load_one(definition))
    return report


def _load_one(definition: dict) -> tuple[str, int, str]:
    code, digest = definition["code"], digest_of(definition)
    checklist, action = place(Checklist, definition, digest, used_by="assessments", parts="areas")
    if action == UNCHANGED:
        return code, checklist.version, action
    checklist.title, checklist.source = definition["title"], definition["source"]
    checklist.valid_from = date.fromisoformat(str(definition["valid_from"]))
    checklist.levels, checklist.digest = {str(k): v for k, v in definition["levels"].items()}, digest
    checklist.save()
    for position, area in enumerate(definition["areas"]):
        row = ChecklistArea.objects.create(checklist=checklist, code=area["code"], title=area["title"],
                                           position=position)
        ChecklistItem.objects.bulk_create(
            ChecklistItem(area=row, code=item["code"], text=item["text"], input=item.get("input", ""), position=n)
            for n, item in enumerate(area["items"]))
    record("municipal.checklist_loaded", target=checklist, detail={"code": code, "version": checklist.version,
                                                                   "action": action})
    return code, checklist.version, action


def current_checklist(code: str = "municipal-guidelines") -> Checklist | None:
    return Checklist.objects.filter(code=code, superseded_at__isnull=True).order_by("-version").first()

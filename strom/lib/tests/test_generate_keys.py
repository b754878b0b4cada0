import subprocess
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from strom.lib import config

NAMES = ["STROM_SECRET_KEY", "STROM_ENCRYPTION_KEYS", "STROM_BLIND_INDEX_KEY", "STROM_AUDIT_KEY"]
RING = "k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="


def generate(*args) -> str:
    out = StringIO()
    call_command("generate_keys", *args, stdout=out)
    return out.getvalue()


def sourced(text: str, tmp_path) -> dict[str, str]:
    """The variables a POSIX shell sees after sourcing ``text``."""
    env_file = tmp_path / "strom.env"
    env_file.write_text(text)
    script = '. "$1" && for n in ' + " ".join(NAMES) + '; do eval "printf \'%s\\0\' \\"\\$$n\\""; done'
    result = subprocess.run(["/bin/sh", "-c", script, "sh", str(env_file)],  # noqa: S603
                            capture_output=True, check=True, env={})
    return dict(zip(NAMES, result.stdout.decode().split("\0")[:-1], strict=True))


def test_env_file_sources_to_valid_settings(tmp_path):
    values = sourced(generate(), tmp_path)
    assert len(values["STROM_SECRET_KEY"]) >= 50
    ring = config.keyring("STROM_ENCRYPTION_KEYS", values["STROM_ENCRYPTION_KEYS"])
    assert list(ring) == ["k1"] and len(ring["k1"]) == 32
    assert len(config.key_bytes("B", values["STROM_BLIND_INDEX_KEY"])) == 32
    assert len(config.key_bytes("A", values["STROM_AUDIT_KEY"])) == 32
    assert len(set(values.values())) == 4


def test_every_run_gives_new_secrets(tmp_path):
    first, second = sourced(generate(), tmp_path), sourced(generate(), tmp_path)
    assert all(first[name] != second[name] for name in NAMES)


def test_add_to_prepends_a_new_key_and_prints_nothing_else(tmp_path):
    text = generate("--add-to", "k3:" + RING[3:] + "," + RING)
    assignments = [line for line in text.splitlines() if not line.startswith("#")]
    assert len(assignments) == 1 and assignments[0].startswith("STROM_ENCRYPTION_KEYS=")
    value = assignments[0]
    ring = config.keyring("X", value.split("=", 1)[1].strip("'"))
    assert list(ring) == ["k4", "k3", "k1"]
    assert ring["k1"] == config.keyring("X", RING)["k1"]
    assert ring["k4"] != ring["k1"]


def test_add_to_refuses_a_bad_ring():
    with pytest.raises(CommandError, match="k1:<base64 key>"):
        generate("--add-to", "not a ring")

#!/usr/bin/env python
"""Django's command-line utility for Strom."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strom.settings")
    from django.core.management import execute_from_command_line

    from strom.lib.config import ConfigError

    try:
        execute_from_command_line(sys.argv)
    except ConfigError as error:
        # A wrong setting is the operator's to fix: name it, without a traceback to dig through.
        sys.exit(f"Strom cannot start: {error}")


if __name__ == "__main__":
    main()

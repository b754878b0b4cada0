from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from strom.network.hsds import ALL, SCOPES, export_directory


class Command(BaseCommand):
    help = (
        "Export the directory as HSDS 3.0 JSON: an organization package, i.e. a JSON array of organizations, each "
        "fully nested with its services (phones, schedules, service areas, languages, locations, attributes with "
        "their taxonomy terms), as HSDS's compiled organization schema describes. Scope 'all' (the default) holds "
        "every active service of every active organisation; 'public' only services shown in the public "
        "directory. Confidential addresses are never exported. `import_hsds` reads the file back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scope", choices=SCOPES, default=ALL, help="all (default) or public.")
        parser.add_argument("--output", "-o", help="Write to this file instead of standard output.")

    def handle(self, *args, scope, output, **options):
        document = export_directory(scope)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
            services = sum(len(organisation.get("services", [])) for organisation in document)
            self.stderr.write(f"{len(document)} organisations and {services} services ({scope}) written to {output}.")
        else:
            self.stdout.write(text, ending="")

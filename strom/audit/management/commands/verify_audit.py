"""Check the whole audit trail: every event's hash, the sequence, the links and the head."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from strom.audit.chain import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; exits with status 1 at the first broken event."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=5000,
                            help="Events read per query (default 5000).")

    def handle(self, *args, batch_size: int, **options):
        result = verify_chain(batch_size=batch_size)
        if result.ok:
            self.stdout.write(f"Audit trail intact: {result.checked} events verified.")
            return
        event_id = "none" if result.broken_id is None else result.broken_id
        self.stderr.write(
            f"Audit trail BROKEN at event seq={result.broken_seq} (id={event_id}): {result.reason}"
        )
        # Not CommandError: its "CommandError: " prefix would change the message monitoring greps for.
        raise SystemExit(1)

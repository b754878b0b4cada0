"""Receiving a case document: in memory only, size-limited, its type known from its bytes.

Django writes uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file — plaintext of a
person's passport on disk. The document views and the API therefore replace the upload handlers
with `MemoryOnlyUploadHandler` (`accept_in_memory(request)`, before the body is read): it keeps at
most the limit in memory and, past it, only counts, so an oversized file is refused by its size
with a clear message and never kept anywhere.

The content decides the type, not the name or what the browser claims.
"""

from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TEXT = "text/plain"
ODT = "application/vnd.oasis.opendocument.text"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg", TEXT: "txt", ODT: "odt", DOCX: "docx"}
ACCEPT = ".pdf,.png,.jpg,.jpeg,.txt,.odt,.docx," + ",".join(EXTENSIONS)


def max_bytes() -> int:
    return settings.MAX_DOCUMENT_MB * 1024 * 1024


class MemoryOnlyUploadHandler(FileUploadHandler):
    """Every file in memory, up to `max_bytes()`; beyond that only its size is counted."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received <= max_bytes():
            self.buffer.write(raw_data)
        else:
            self.buffer = io.BytesIO()  # too large: drop what was kept, only the size matters now
        return None

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(self.buffer, self.field_name, self.file_name, self.content_type,
                                    self.received, self.charset, self.content_type_extra)


def accept_in_memory(request) -> None:
    """Call before request.POST or request.FILES is touched."""
    request.upload_handlers = [MemoryOnlyUploadHandler(request)]


def too_large_message() -> str:
    return _("The file is larger than %(limit)s MB. Upload a smaller file, or split it.") % {
        "limit": settings.MAX_DOCUMENT_MB}


def wrong_type_message() -> str:
    return _("This type of file cannot be kept. Upload a PDF, PNG or JPEG image, plain text, "
             "OpenDocument text (.odt) or Word (.docx) document.")


def sniff(data: bytes) -> str:
    """The content type the bytes show, or "" when they are none of the accepted ones."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _office_type(data)
    return TEXT if _is_plain_text(data) else ""


def _office_type(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
            if "mimetype" in names:
                with archive.open("mimetype") as mimetype:
                    if mimetype.read(100).strip() == ODT.encode():
                        return ODT
    except (zipfile.BadZipFile, OSError, ValueError):
        return ""
    return ""


# Control characters that never occur in a text someone typed (tab, line feeds, form feed may).
_BINARY = set(range(0, 32)) - {9, 10, 12, 13}


def _is_plain_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return bool(text.strip()) and not any(ord(c) in _BINARY for c in text[:65536])

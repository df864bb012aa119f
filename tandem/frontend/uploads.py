"""Keep at most a little more than the largest file Tandem accepts from any upload.

Django stores every uploaded file whole (in memory, or in a temporary file once it is large)
before a form can look at its size, so a 1 GB post would fill the disk first. This handler goes
first in ``FILE_UPLOAD_HANDLERS``: it passes each file's bytes on to Django's own handlers only up
to ``TANDEM_UPLOAD_KEEP_BYTES`` and drops the rest. The form still sees a file larger than its
limit (it is given one byte more than the limit at least), so the person gets the form's own
message beside the field ("The file must be smaller than 2 MB"), and nothing is stored in full.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler


class KeepLittleUploadHandler(FileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.kept = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        limit = int(settings.TANDEM_UPLOAD_KEEP_BYTES)
        room = limit - self.kept
        if room <= 0:
            return None  # dropped: the handlers after this one never see it
        chunk = raw_data[:room]
        self.kept += len(chunk)
        return chunk

    def file_complete(self, file_size: int) -> None:
        return None  # Django's own handlers, after this one, make the file from what was kept

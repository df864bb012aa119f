"""Checkpoint files: where they live and how they are written and read. The signing is in chain.py.

Each checkpoint is one small JSON file in ``TANDEM_AUDIT_CHECKPOINT_DIR``, named by the time it
was written and the entry it ends at. Files are never overwritten or removed here, so the folder
keeps the whole history.
"""

from __future__ import annotations

import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from tandem.audit.chain import Checkpoint, Keyring, checkpoint_read

PREFIX = "audit-checkpoint-"
SUFFIX = ".json"
# Anything bigger is not a checkpoint Tandem wrote; it is not read into memory.
MAX_BYTES = 4096


@dataclass(frozen=True)
class CheckpointFile:
    """One file in the checkpoint folder: the checkpoint it holds, or why it cannot be trusted."""

    name: str
    checkpoint: Checkpoint | None
    problem: str = ""


def checkpoint_folder() -> Path:
    return Path(settings.TANDEM_AUDIT_CHECKPOINT_DIR)


def checkpoint_file_write(data: dict[str, Any]) -> Path:
    """Write a signed checkpoint to a new file and return its path. An existing file is never replaced."""
    folder = checkpoint_folder()
    folder.mkdir(parents=True, exist_ok=True)
    written_at = datetime.datetime.fromisoformat(data["written_at"]).astimezone(datetime.UTC)
    stem = f"{PREFIX}{written_at:%Y%m%dT%H%M%S%fZ}-{data['head_sequence']:012d}"
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    for attempt in range(100):
        path = folder / f"{stem}{f'-{attempt}' if attempt else ''}{SUFFIX}"
        try:
            # "x": fail rather than overwrite if a file of that name is already there.
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"Could not find a free name for a checkpoint in {folder}")


def checkpoint_files_read(keyring: Keyring) -> list[CheckpointFile]:
    """Every checkpoint file in the folder, oldest name first, each checked against the keys."""
    folder = checkpoint_folder()
    if not folder.is_dir():
        return []
    files = []
    for path in sorted(folder.glob(f"{PREFIX}*{SUFFIX}")):
        if not path.is_file():
            continue
        try:
            if path.stat().st_size > MAX_BYTES:
                files.append(CheckpointFile(path.name, None, "it is too big to be a checkpoint Tandem wrote"))
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            files.append(CheckpointFile(path.name, None, "it cannot be read as a checkpoint"))
            continue
        result = checkpoint_read(data, keyring)
        if isinstance(result, str):
            files.append(CheckpointFile(path.name, None, result))
        else:
            files.append(CheckpointFile(path.name, result))
    return files

"""How much text the tender lens reads at once: one cap for every way in (paste, upload, command, structured review).

Plain Python, no Django. 300,000 characters is about 50,000 words, longer than any real specification or
application pack; the cap keeps the work one review can cause bounded, whoever asks for it.
"""

from __future__ import annotations

MAX_CHARACTERS = 300_000


class TextTooLong(ValueError):
    """Text longer than ``MAX_CHARACTERS``. ``message`` is plain English, ready to show."""

    def __init__(self, length: int) -> None:
        self.length = length
        self.message = (
            f"The text is {length:,} characters long. The tender lens reads at most {MAX_CHARACTERS:,} "
            "characters at once. Check it in parts"
        )
        super().__init__(self.message)

"""The one colour for each status, wherever a status is shown as a GOV.UK tag. No Django imports.

A stage of the journey, a part of the specification and a stage seen through a lens all say
"Not started" or "In progress"; each status has one colour on every page, so people learn it
once. A status is named by its stored value ("in_progress") or its words ("In progress"); both
give the same colour. A finished part of the specification ("Ready") has no tag: GOV.UK's task
list shows a finished task as plain words, so what is left to do stands out.
"""

from __future__ import annotations

# Status (as a key: lower case, words joined by "_") to GOV.UK tag colour; "" for plain words.
TAG_COLOURS = {
    "not_started": "grey",
    "in_progress": "blue",
    "considered": "green",
    "revisit": "yellow",
    "ready": "",
    "optional": "grey",
}
# A status no one has given a colour yet is shown grey, never in a colour that means something.
UNKNOWN_COLOUR = "grey"


def status_key(status: str) -> str:
    """ "In progress", "in_progress" and "IN PROGRESS" are the same status: "in_progress"."""
    return "_".join(status.replace("_", " ").lower().split())


def status_tag_class(status: str) -> str:
    """The tag's colour class, for example "govuk-tag--blue"; "" for a status shown as plain words."""
    colour = TAG_COLOURS.get(status_key(status), UNKNOWN_COLOUR)
    return f"govuk-tag--{colour}" if colour else ""

"""The open question every specification starts with (seed 000, Procure: "space to add").

Pure data: the service that starts a specification and the data migration both use it.
"""

from __future__ import annotations

TEXT = (
    "Is there anything else you want us to know about your organisation, your values or the people "
    "you work with that our other questions did not ask?"
)
GUIDANCE = (
    "You might tell us about your links with local communities, what people with lived experience have "
    "taught you, or work you do that does not fit our questions. You do not have to answer this question."
)
WHY_WE_ASK = (
    "Forms cannot ask about everything that matters. We want to hear what our questions missed, "
    "especially from small and specialist organisations."
)
HOW_WE_USE = (
    "The panel reads every answer. It is not scored on its own, but it can help the panel understand "
    "your answers to the scored questions."
)
WORD_LIMIT = 500

"""What the apps above ``commissions`` do when a commission changes, registered in their
``AppConfig.ready()``.

``commissions`` never imports the apps above it (docs/where-things-go.md, "Import order"); an app
that must react to a new commission registers a callable here: ``tenders`` starts the
commission's specification. Each runs inside ``commission_create``'s transaction, in the order
registered, so a failure leaves no commission behind.
"""

from __future__ import annotations

from typing import Any, Protocol


class OnCommissionCreated(Protocol):
    def __call__(self, *, actor: Any, commission: Any) -> object: ...


_on_created: list[OnCommissionCreated] = []


def on_commission_created_register(hook: OnCommissionCreated) -> None:
    if hook not in _on_created:
        _on_created.append(hook)


def on_commission_created() -> tuple[OnCommissionCreated, ...]:
    return tuple(_on_created)

"""What every specification page's view shares."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from tandem.tenders.models import Specification
from tandem.tenders.selectors.specification_get import specification_get


def specification_or_404(request: HttpRequest, pk: int) -> Specification:
    """The commission's specification with the commission and its team loaded; 404 when there is
    none, 403 with the reason when the person may not see it."""
    specification = specification_get(viewer=request.user, commission_pk=pk)
    if specification is None:
        raise Http404("No specification here")
    return specification

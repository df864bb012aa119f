"""A stage of a commission's journey: its purpose, guidance, prompts with the team's responses,
and where the team is with it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from tandem.commissions.forms.responses import StageStatusForm
from tandem.commissions.models import Commission, StageStatus
from tandem.commissions.permissions import can_contribute, can_view_commission
from tandem.commissions.selectors.journey import journey_commission_get, stage_get, stage_page_get, stage_status_get
from tandem.commissions.services.responses import stage_status_change
from tandem.commissions.views.journey_fragments import KEPT_SECONDS, stage_guidance_after, stage_questions_key
from tandem.core.exceptions import ApplicationError
from tandem.frameworks.models import Voice
from tandem.frontend.form_errors import error_to_form
from tandem.frontend.status_tags import status_tag_class

# Each status's one GOV.UK tag colour, the same on every page.
STATUS_TAG_CLASSES = {status.value: status_tag_class(status.value) for status in StageStatus}


def commission_for(request: HttpRequest, pk: int) -> Commission:
    """The commission, if this person may see it: 404 when there is none, 403 with the reason."""
    commission = journey_commission_get(pk=pk)
    if commission is None:
        raise Http404("No commission here")
    can_view_commission(request.user, commission).require()
    return commission


def viewer_voice(request: HttpRequest) -> str:
    """Which questions suit this person first: a provider's, when they are acting for a provider."""
    organisation = getattr(request, "organisation", None)
    if organisation is not None and not organisation.is_funder:
        return Voice.PROVIDER.value
    return Voice.FUNDER.value


def _render_stage(
    request: HttpRequest, commission: Commission, stage_slug: str, status_form: StageStatusForm | None
) -> HttpResponse:
    page = stage_page_get(commission=commission, stage_slug=stage_slug, viewer_voice=viewer_voice(request))
    if page is None:
        raise Http404("This commission's journey has no such stage")
    contribute = can_contribute(request.user, commission)
    if contribute.allowed and status_form is None:
        status_form = StageStatusForm(initial={"status": page.status})
    return render(
        request,
        "commissions/stage.html",
        {
            "page": page,
            # The block of questions is rendered once for each state of the team's responses and
            # kept under this key (journey_fragments.py).
            "questions_key": stage_questions_key(commission.framework_version, page, can_contribute=contribute.allowed),
            "guidance_after": stage_guidance_after(commission.framework_version, page),
            "kept_seconds": KEPT_SECONDS,
            "commission": commission,
            "stage": page.stage,
            "can_contribute": contribute.allowed,
            "contribute_reason": contribute.reason,
            "status_form": status_form if contribute.allowed else None,
            "status_tag_class": STATUS_TAG_CLASSES.get(page.status, ""),
        },
    )


@login_required
@require_GET
def stage_view(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    commission = commission_for(request, pk)
    return _render_stage(request, commission, stage, None)


@login_required
@require_POST
def stage_status_view(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    commission = commission_for(request, pk)
    can_contribute(request.user, commission).require()
    stage_row = stage_get(commission=commission, slug=stage)
    if stage_row is None:
        raise Http404("This commission's journey has no such stage")
    form = StageStatusForm(request.POST)
    if form.is_valid():
        before = stage_status_get(commission=commission, stage=stage_row)
        try:
            stage_status_change(
                actor=request.user,
                commission=commission,
                stage=stage_row,
                status=form.cleaned_data["status"],
            )
        except ApplicationError as exc:
            error_to_form(form, exc)
        else:
            status = form.cleaned_data["status"]
            text = f"{stage_row.name} is marked as {StageStatus(status).label.lower()}."
            if status != before:
                text += " We have told the rest of the team."
            messages.success(request, text)
            return redirect("commissions:stage", pk=commission.pk, stage=stage_row.slug)
    return _render_stage(request, commission, stage, form)

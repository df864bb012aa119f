from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.datastructures import MultiValueDict
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_http_methods

from tandem.frontend.forms import FeedbackForm, PatternDemoForm
from tandem.frontend.hooks import feedback_wait_message, team_welcomes
from tandem.frontend.paths import safe_local_path
from tandem.frontend.permissions import can_administer_site, can_view_feedback
from tandem.frontend.selectors import dashboard_for_user, feedback_list
from tandem.frontend.services import feedback_submit


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """A short introduction for people who are signed out; a dashboard for people signed in."""
    if not request.user.is_authenticated:
        return render(request, "frontend/landing.html")
    dashboard = dashboard_for_user(
        user=request.user,
        membership=getattr(request, "membership", None),
        memberships=getattr(request, "memberships", []),
    )
    # Someone on a commission's team but in no organisation (a lived-experience member, a peer
    # researcher) is welcomed: their role, what they can do, who to ask, how to step back.
    welcome = [] if dashboard.organisation or dashboard.is_site_admin else team_welcomes(request.user)
    return render(request, "frontend/home.html", {"dashboard": dashboard, "welcome": welcome})


@require_GET
def bare(request: HttpRequest) -> HttpResponse:
    """Only the base layout: the yardstick the benchmark compares other pages against."""
    return render(request, "frontend/bare.html")


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/accessibility.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/privacy.html")


@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    csrf_age = settings.CSRF_COOKIE_AGE
    if csrf_age is None:
        csrf_expiry = "When you close your browser"
    else:
        weeks = round(csrf_age / (7 * 24 * 60 * 60))
        csrf_expiry = "After 1 year" if weeks == 52 else f"After {weeks} week{'s' if weeks != 1 else ''}"
    context = {
        "session_cookie_name": settings.SESSION_COOKIE_NAME,
        "session_minutes": settings.SESSION_COOKIE_AGE // 60,
        "csrf_cookie_name": settings.CSRF_COOKIE_NAME,
        "csrf_expiry": csrf_expiry,
    }
    return render(request, "frontend/cookies.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    signed_in = request.user.is_authenticated
    status = 200
    if request.method == "POST":
        form = FeedbackForm(request.POST, signed_in=signed_in)
        # Only feedback that would be kept is counted, so a mistake never uses up a turn.
        # The limit is the sign-in's throttling, lent by accounts (tandem.frontend.hooks).
        wait = feedback_wait_message(request) if form.is_valid() else ""
        if wait:
            form.add_error(None, wait)
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            feedback_submit(
                actor=request.user,
                doing=data["doing"],
                experience=data["experience"],
                email=data["email"],
                page=data["page"],
                anonymous=bool(data.get("anonymous")),
            )
            return redirect("frontend:feedback-sent")
    else:
        form = FeedbackForm(initial={"page": safe_local_path(request.GET.get("from"))}, signed_in=signed_in)
    return render(request, "frontend/feedback.html", {"form": form}, status=status)


@require_GET
def feedback_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/feedback_sent.html")


@login_required
@require_GET
def feedback_list_view(request: HttpRequest) -> HttpResponse:
    can_view_feedback(request.user).require()
    paginator = Paginator(feedback_list(viewer=request.user), 25)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "frontend/feedback_list.html", {"page": page, "paginator": paginator})


@login_required
@require_GET
def site_admin_view(request: HttpRequest) -> HttpResponse:
    """What a site administrator can look after, in one place (one navigation item, not five)."""
    can_administer_site(request.user).require()
    return render(request, "frontend/site_admin.html")


# The pattern page -----------------------------------------------------------------------------

PATTERN_EXAMPLES = (
    ("headings", "Headings and body text"),
    ("buttons", "Buttons"),
    ("links", "Links"),
    ("form", "A form, before anything is typed"),
    ("form_errors", "The same form after a mistake"),
    ("inset_text", "Inset text"),
    ("warning_text", "Warning text"),
    ("notification_banners", "Notification banners"),
    ("summary_list", "Summary list"),
    ("table", "Table"),
    ("tags", "Tags"),
    ("task_list", "Task list"),
    ("tabs", "Tabs"),
    ("accordion", "Accordion"),
    ("details", "Details"),
    ("panel", "Panel"),
    ("pagination", "Pagination"),
    ("back_link", "Back link"),
    ("breadcrumbs", "Breadcrumbs"),
    ("phase_banner", "Phase banner"),
)

_BROKEN_ANSWERS = {
    "full_name": "",
    "email": "not an email address",
    "password": "short",
    "about": "We run a drop-in. " * 30,
    "area": "",
    "support": ["advice"],
    "started_day": "3",
    "started_month": "",
    "started_year": "2024",
    "income": "",
}


def _pattern_error_form() -> PatternDemoForm:
    upload: UploadedFile[Any] = SimpleUploadedFile("notes.txt", b"Not a PDF", content_type="text/plain")
    files: MultiValueDict[str, UploadedFile[Any]] = MultiValueDict({"report": [upload]})
    form = PatternDemoForm(_BROKEN_ANSWERS, files, auto_id="broken-%s")
    form.is_valid()
    return form


@require_http_methods(["GET", "POST"])
def patterns(request: HttpRequest) -> HttpResponse:
    """Every component Tandem uses, each with its markup. Only when DEBUG is on."""
    if not settings.DEBUG:
        raise Http404("The pattern page is only on in development.")
    if request.method == "POST":
        form = PatternDemoForm(request.POST, request.FILES)
        if form.is_valid():
            messages.success(request, "Every answer was accepted. Nothing was saved: this is only an example.")
            return redirect("frontend:patterns")
    else:
        form = PatternDemoForm()
    example_context: dict[str, Any] = {"form": form, "error_form": _pattern_error_form(), "request": request}
    examples = []
    for name, title in PATTERN_EXAMPLES:
        html = render_to_string(f"frontend/patterns/{name}.html", example_context, request)
        examples.append({"name": name, "title": title, "html": SafeString(html), "source": html.strip()})
    return render(request, "frontend/patterns.html", {"examples": examples, "form": form})

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/home.html")


def bare(request: HttpRequest) -> HttpResponse:
    """Only the base layout: the yardstick the benchmark compares other pages against."""
    return render(request, "frontend/bare.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/privacy.html")


def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "frontend/cookies.html")

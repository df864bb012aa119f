"""The reflection log as a PDF: an HTML template with print styles, laid out by WeasyPrint.

The PDF is tagged to the PDF/UA-1 profile (headings, lists and tables carry their structure, the
document has a title and a language), so screen readers can follow it. WeasyPrint fetches
nothing: the template has no images or external style sheets, and a link someone typed as
evidence is written into the PDF, never opened.
"""

from __future__ import annotations

from typing import Any

import weasyprint
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher

from tandem.commissions.exports.log import ReflectionLog

TEMPLATE = "commissions/export/log_pdf.html"
PDF_VARIANT = "pdf/ua-1"


class _FetchNothing(URLFetcher):
    """Refuses every address, so building a PDF never reaches the network or the disk."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"The reflection log fetches nothing ({url[:40]})")


def log_html(log: ReflectionLog) -> str:
    return render_to_string(TEMPLATE, {"log": log})


def log_pdf(log: ReflectionLog) -> bytes:
    document = weasyprint.HTML(string=log_html(log), url_fetcher=_FetchNothing())
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return pdf

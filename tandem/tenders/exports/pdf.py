"""The specification pack as a PDF: an HTML template with print styles, laid out by WeasyPrint.

Tagged to the PDF/UA-1 profile (headings, lists and tables carry their structure, the document
has a title and a language), so screen readers can follow it. WeasyPrint fetches nothing: the
template has no images or external style sheets. This module imports WeasyPrint, which takes
seconds, so it is only imported when someone asks for the PDF.
"""

from __future__ import annotations

from typing import Any

import weasyprint
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher

from tandem.tenders.exports.pack import SpecificationPack

TEMPLATE = "tenders/export/pack_pdf.html"
PDF_VARIANT = "pdf/ua-1"


class _FetchNothing(URLFetcher):
    """Refuses every address, so building a PDF never reaches the network or the disk."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        raise ValueError(f"The specification pack fetches nothing ({url[:40]})")


def pack_html(pack: SpecificationPack) -> str:
    return render_to_string(TEMPLATE, {"pack": pack})


def pack_pdf(pack: SpecificationPack) -> bytes:
    document = weasyprint.HTML(string=pack_html(pack), url_fetcher=_FetchNothing())
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return pdf

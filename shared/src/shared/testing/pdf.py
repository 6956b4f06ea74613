"""Reading back the PDFs the services render (tests only: pypdf is a development dependency)."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    """The text a reader extracts from every page (through the fonts' ToUnicode maps)."""
    reader = PdfReader(io.BytesIO(pdf))
    return "".join(page.extract_text() for page in reader.pages)

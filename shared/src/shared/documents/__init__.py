"""Official documents (decisions, notices, agreements) rendered as HTML and PDF from one model.

A service builds a :class:`Document` from its case data (nothing is typed by hand twice); the
same document renders to HTML (Jinja2, autoescaped) for screens and to PDF (ReportLab) for
service on the parties. The PDF is PDF/A-2b and embeds the glyphs it draws from Noto Serif SC
(``shared.documents.fonts``), so it reads the same on a machine with no Chinese font installed.
"""

from shared.documents.model import Document, Field, Section, Signature
from shared.documents.render import render_html, render_pdf

__all__ = ["Document", "Field", "Section", "Signature", "render_html", "render_pdf"]

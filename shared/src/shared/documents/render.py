"""Render a :class:`Document` as HTML or PDF."""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from xml.sax.saxutils import escape

from jinja2 import Environment, PackageLoader, select_autoescape
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from shared.documents.fonts import embedded_font
from shared.documents.model import Document
from shared.documents.pdfa import as_pdfa


def render_html(document: Document) -> str:
    return _templates().get_template("document.html.j2").render(doc=document, date=_chinese_date)


def render_pdf(document: Document) -> bytes:
    """A PDF/A-2b file whose Chinese text is drawn in an embedded font (readable on any machine)."""
    font = embedded_font(_texts(document))
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        title=document.title,
        subject=document.document_no,
        creator="ipcase",
        # Every text object, even the canvas's initial one, uses the embedded font (no Helvetica).
        initialFontName=font,
    )
    pdf.build(_flowables(document, _styles(font)))
    return as_pdfa(buffer.getvalue(), title=document.title, subject=document.document_no)


def _texts(document: Document) -> str:
    """Every character the PDF may draw (the font embeds these glyphs only)."""
    parts = [document.title, document.document_no, document.footnote or "", "0123456789.：年月日"]
    parts += [f.label + f.value for f in document.fields]
    for section in document.sections:
        parts += [section.heading or "", *section.paragraphs, *section.items]
    if document.signature is not None:
        parts += [document.signature.issuer, document.signature.seal_note]
    return "".join(parts)


def _flowables(document: Document, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(escape(document.title), styles["title"]),
        Paragraph(escape(document.document_no), styles["number"]),
        Spacer(1, 6 * mm),
    ]
    story += [Paragraph(f"{escape(f.label)}：{escape(f.value)}", styles["body"]) for f in document.fields]
    for section in document.sections:
        if section.heading:
            story.append(Paragraph(escape(section.heading), styles["heading"]))
        story += [Paragraph(escape(p), styles["body"]) for p in section.paragraphs]
        story += [
            Paragraph(f"{n}. {escape(item)}", styles["body"]) for n, item in enumerate(section.items, 1)
        ]
    if document.signature is not None:
        signature = document.signature
        story += [
            Spacer(1, 12 * mm),
            Paragraph(f"{escape(signature.issuer)}{escape(signature.seal_note)}", styles["signature"]),
            Paragraph(_chinese_date(signature.date), styles["signature"]),
        ]
    if document.footnote:
        story += [Spacer(1, 8 * mm), Paragraph(escape(document.footnote), styles["footnote"])]
    return story


def _chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@cache
def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=12, leading=22, firstLineIndent=24, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontSize=20, leading=30, alignment=TA_CENTER, firstLineIndent=0
        ),
        "number": ParagraphStyle("number", parent=base, alignment=TA_RIGHT, firstLineIndent=0),
        "heading": ParagraphStyle("heading", parent=base, fontSize=13, spaceBefore=8, firstLineIndent=0),
        "body": base,
        "signature": ParagraphStyle("signature", parent=base, alignment=TA_RIGHT, firstLineIndent=0),
        "footnote": ParagraphStyle("footnote", parent=base, fontSize=10, leading=16, firstLineIndent=0),
    }


@cache
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("shared.documents", "templates"), autoescape=select_autoescape(["html", "j2"])
    )

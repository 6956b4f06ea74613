"""Documents render to HTML (escaped) and to a PDF that carries the Chinese text."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from pypdf import PdfReader

from shared.documents import Document, Field, Section, Signature, render_html, render_pdf
from shared.testing.pdf import pdf_text

DECISION = Document(
    title="专利侵权纠纷行政裁决书",
    document_no="（2026）浙知裁字第1号",
    fields=(Field("请求人", "杭州某某科技有限公司"), Field("被请求人", "某某<贸易>有限公司")),
    sections=(
        Section(
            "裁决如下",
            paragraphs=("被请求人立即停止侵犯第ZL202310000001.X号发明专利权的行为。",),
            items=("停止销售",),
        ),
    ),
    signature=Signature("浙江省知识产权局", dt.date(2026, 11, 21)),
    footnote="如不服本裁决，可自收到本裁决书之日起十五日内向人民法院提起行政诉讼。",
)


def test_html_contains_every_part_and_escapes_markup() -> None:
    html = render_html(DECISION)

    for text in (
        "专利侵权纠纷行政裁决书",
        "（2026）浙知裁字第1号",
        "杭州某某科技有限公司",
        "停止销售",
        "2026年11月21日",
        "十五日内",
    ):
        assert text in html
    assert "某某&lt;贸易&gt;有限公司" in html
    assert "<贸易>" not in html


def test_pdf_is_a_pdf_whose_extracted_text_is_the_chinese_text() -> None:
    pdf = render_pdf(DECISION)

    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for expected in ("专利侵权纠纷行政裁决书", "杭州某某科技有限公司", "浙江省知识产权局", "2026年11月21日"):
        assert expected in text, expected


def test_every_font_the_pdf_uses_is_embedded_and_none_is_a_reader_supplied_cid_font() -> None:
    reader = PdfReader(io.BytesIO(render_pdf(DECISION)))

    fonts = page_fonts(reader)

    assert fonts, "the page draws text"
    for name, font in fonts.items():
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None, f"{name} is one of the standard fonts a reader must supply"
        assert "/FontFile2" in descriptor.get_object(), f"{name} is not embedded"
        assert "NotoSerifSC" in str(font["/BaseFont"])
    assert b"STSong" not in render_pdf(DECISION)


def test_pdf_declares_pdfa_2b_with_an_srgb_output_intent() -> None:
    reader = PdfReader(io.BytesIO(render_pdf(DECISION)))

    xmp = reader.xmp_metadata
    assert xmp is not None
    xml = xmp.rdf_root.toxml()
    assert re.search(r"pdfaid:part(=\"2\"|[^>]*>2<)", xml), xml
    assert re.search(r"pdfaid:conformance(=\"B\"|[^>]*>B<)", xml), xml
    assert "专利侵权纠纷行政裁决书" in xml  # dc:title agrees with the information dictionary
    root: Any = reader.trailer["/Root"]
    (reference,) = root["/OutputIntents"]
    intent = reference.get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert len(intent["/DestOutputProfile"].get_object().get_data()) > 100
    assert reader.trailer.get("/ID") is not None


def test_the_chinese_text_is_visible_on_the_rendered_page_not_boxes_or_blanks() -> None:
    pdf = pdfium.PdfDocument(render_pdf(DECISION))
    page = pdf[0]
    closing = [pdf, page]
    scale = 2.0
    image = page.render(scale=scale, grayscale=True).to_pil()
    text = page.get_textpage()
    closing.append(text)
    title_at = text.get_text_bounded().index("专利侵权纠纷行政裁决书")

    glyphs = []
    for index in range(title_at, title_at + 4):
        left, bottom, right, top = text.get_charbox(index)
        height = page.get_height()
        box = (left * scale, (height - top) * scale, right * scale, (height - bottom) * scale)
        glyphs.append(image.crop(tuple(round(v) for v in box)))

    for glyph in glyphs:
        dark = sum(glyph.histogram()[:128])
        assert dark > 0.05 * glyph.width * glyph.height, "the character is drawn"
    # An empty-box (.notdef) fallback draws every character the same; 专, 利, 侵, 权 differ.
    assert len({glyph.tobytes() for glyph in glyphs}) == len(glyphs)
    image.save(artefact_path("decision-page-1.png"))
    for handle in reversed(closing):
        handle.close()


def page_fonts(reader: PdfReader) -> dict[str, Any]:
    fonts: dict[str, Any] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        for name, font in resources.get("/Font", {}).items():
            fonts[name] = font.get_object()
    return fonts


def artefact_path(name: str) -> Path:
    """Where a test leaves a picture for a person to look at (``TEST_ARTEFACTS``, else a temp dir)."""
    folder = Path(os.environ.get("TEST_ARTEFACTS") or tempfile.gettempdir()) / "ipcase-documents"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def test_each_pdf_carries_its_own_characters_whatever_was_rendered_before() -> None:
    """Every character set gets a font of its own name: a later PDF with characters an earlier one did
    not have must not be drawn with the earlier font (they came out blank)."""
    first = Document(title="测试文书", document_no="1")
    second = Document(title="杭州专利权人科技有限公司", document_no="北京市海淀区知识产权局")

    assert "测试文书" in pdf_text(render_pdf(first))
    text = pdf_text(render_pdf(second))

    assert "杭州专利权人科技有限公司" in text and "北京市海淀区知识产权局" in text, text

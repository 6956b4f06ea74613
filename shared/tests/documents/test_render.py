"""Documents render to HTML (escaped) and to a PDF that carries the Chinese text."""

from __future__ import annotations

import base64
import datetime as dt
import re
import zlib

from shared.documents import Document, Field, Section, Signature, render_html, render_pdf

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


def test_pdf_is_a_pdf_that_draws_the_chinese_text_in_the_cid_font() -> None:
    pdf = render_pdf(DECISION)

    assert pdf.startswith(b"%PDF-")
    assert b"/STSong-Light" in pdf
    drawn = drawn_text(pdf)
    for text in ("专利侵权纠纷行政裁决书", "杭州某某科技有限公司", "浙江省知识产权局", "2026年11月21日"):
        assert text.encode("utf-16-be") in drawn, text


def drawn_text(pdf: bytes) -> bytes:
    """The string operands of every content stream (CID text is UTF-16BE inside PDF literals)."""
    drawn = b""
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        content = zlib.decompress(base64.a85decode(stream.strip(), adobe=True))
        for literal in re.findall(rb"\((.*?)(?<!\\)\) Tj", content, re.S):
            drawn += _unescape(literal)
    return drawn


def _unescape(literal: bytes) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        token = match.group(1)
        return bytes([int(token, 8)]) if token[:1].isdigit() else token

    return re.sub(rb"\\([0-7]{1,3}|.)", replace, literal)

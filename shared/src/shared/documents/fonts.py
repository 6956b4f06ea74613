"""The CJK font official PDFs embed: Noto Serif SC (SIL Open Font License), shipped through PyPI.

A PDF that only names a font (the Adobe CID font STSong-Light) shows empty boxes on a machine
without it, and PDF/A forbids it; so every PDF embeds the glyphs it draws. The font comes from the
``pylopdf-fonts-zh-cn`` package (Noto Serif SC as released by the Noto project), so a fresh machine,
CI and the image get it from the lock file like any other dependency.

Noto's OpenType font has PostScript (CFF) outlines, which ReportLab cannot embed; for each set of
characters a document uses, the glyphs are converted to TrueType outlines (fontTools' cu2qu, within
one font unit) into a small font that ReportLab registers and subsets as usual. Converted glyphs are
kept for the process's lifetime, so a second document costs little.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from functools import cache
from typing import Any

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont as OpenTypeFont
from pylopdf_fonts_zh_cn import serif_path
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "NotoSerifSC"
_MAX_FONTS = 256  # registered per-character-set fonts kept; older ones are forgotten
_lock = threading.Lock()
_registered: OrderedDict[str, None] = OrderedDict()


def embedded_font(text: str) -> str:
    """The ReportLab font name to draw ``text`` with; its glyphs are embedded in the PDF."""
    source = _source()
    wanted = sorted({ord(c) for c in text if ord(c) in source.cmap} | {ord(" ")})
    name = f"{FAMILY}-" + hashlib.sha256(",".join(map(str, wanted)).encode()).hexdigest()[:16]
    with _lock:
        if name in _registered:
            _registered.move_to_end(name)
            return name
        data = source.truetype(wanted, ps_name=name)
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        _registered[name] = None
        while len(_registered) > _MAX_FONTS:
            old, _ = _registered.popitem(last=False)
            pdfmetrics._fonts.pop(old, None)  # type: ignore[attr-defined]
        return name


class _Source:
    """Noto Serif SC, read once; TrueType glyphs converted on first use."""

    def __init__(self) -> None:
        self.font = OpenTypeFont(str(serif_path()), lazy=True)
        self.cmap: dict[int, str] = self.font.getBestCmap()
        self.glyph_set = self.font.getGlyphSet()
        self.metrics = self.font["hmtx"].metrics
        self.converted: dict[str, Any] = {}

    def glyph(self, name: str) -> Any:
        if name not in self.converted:
            pen = TTGlyphPen(self.glyph_set)
            self.glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
            self.converted[name] = pen.glyph()
        return self.converted[name]

    def truetype(self, codepoints: list[int], ps_name: str = FAMILY + "-Regular") -> bytes:
        """A TrueType font of ``codepoints``' glyphs. Give each character set its own ``ps_name``:
        ReportLab keeps one font per PostScript name, so a second font under the same name would be
        drawn with the first one's glyphs (the characters only the second has come out blank)."""
        names = [".notdef", *sorted({self.cmap[c] for c in codepoints})]
        head, hhea, os2 = self.font["head"], self.font["hhea"], self.font["OS/2"]
        builder = FontBuilder(head.unitsPerEm, isTTF=True)
        builder.setupGlyphOrder(names)
        builder.setupCharacterMap({c: self.cmap[c] for c in codepoints})
        glyphs = {name: self.glyph(name) for name in names}
        builder.setupGlyf(glyphs)
        glyf = builder.font["glyf"]
        builder.setupHorizontalMetrics(
            {name: (self.metrics[name][0], getattr(glyf[name], "xMin", 0)) for name in names}
        )
        builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
        builder.setupNameTable(
            {
                "familyName": "Noto Serif SC",
                "styleName": "Regular",
                "psName": ps_name,
                "copyright": self.font["name"].getDebugName(0) or "",
                "licenseDescription": "SIL Open Font License, Version 1.1",
            }
        )
        builder.setupOS2(
            sTypoAscender=os2.sTypoAscender,
            sTypoDescender=os2.sTypoDescender,
            sTypoLineGap=os2.sTypoLineGap,
            usWinAscent=os2.usWinAscent,
            usWinDescent=os2.usWinDescent,
            fsType=0,
        )
        builder.setupPost()
        out = io.BytesIO()
        builder.save(out)
        return out.getvalue()


@cache
def _source() -> _Source:
    return _Source()

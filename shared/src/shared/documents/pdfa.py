"""Turn ReportLab's PDF into PDF/A-2b: XMP metadata that says so, and an sRGB output intent.

ReportLab (open source) writes PDF 1.4 with every font embedded (see :mod:`shared.documents.fonts`),
a document ID and no encryption, transparency or JavaScript; what PDF/A-2b adds on top is the XMP
metadata stream (``pdfaid:part=2``, ``pdfaid:conformance=B``, matching the document information
dictionary) and an output intent carrying an ICC profile for the device colours used.
"""

from __future__ import annotations

import io
from functools import cache

import pikepdf
from PIL import ImageCms

PDFA_PART = "2"
PDFA_CONFORMANCE = "B"


def as_pdfa(pdf: bytes, *, title: str, subject: str) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.docinfo[pikepdf.Name.Title] = title
        document.docinfo[pikepdf.Name.Subject] = subject
        # ReportLab's /Trapped has no XMP counterpart in PDF/A-2's schema set; its absence means "unknown".
        if pikepdf.Name.Trapped in document.docinfo:
            del document.docinfo[pikepdf.Name.Trapped]
        with document.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta.load_from_docinfo(document.docinfo)
            meta["pdfaid:part"] = PDFA_PART
            meta["pdfaid:conformance"] = PDFA_CONFORMANCE
        icc = document.make_stream(_srgb_profile())
        icc[pikepdf.Name.N] = 3
        document.Root.OutputIntents = pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.OutputIntent,
                    S=pikepdf.Name.GTS_PDFA1,
                    OutputConditionIdentifier="sRGB IEC61966-2.1",
                    Info="sRGB IEC61966-2.1",
                    DestOutputProfile=icc,
                )
            ]
        )
        out = io.BytesIO()
        document.save(out, min_version="1.7", fix_metadata_version=True, deterministic_id=True)
    return out.getvalue()


@cache
def _srgb_profile() -> bytes:
    profile: bytes = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return profile

"""The office as documents and docket numbers name it."""

from __future__ import annotations

# Standard one-character abbreviations of the provincial-level divisions (GB/T 2260 prefixes).
PROVINCE_ABBREVIATIONS = {
    "11": "京", "12": "津", "13": "冀", "14": "晋", "15": "蒙", "21": "辽", "22": "吉", "23": "黑",
    "31": "沪", "32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣", "37": "鲁", "41": "豫",
    "42": "鄂", "43": "湘", "44": "粤", "45": "桂", "46": "琼", "50": "渝", "51": "川", "52": "贵",
    "53": "云", "54": "藏", "61": "陕", "62": "甘", "63": "青", "64": "宁", "65": "新",
}  # fmt: skip
NATIONAL_ABBREVIATION = "国"


def office_abbreviation(office_code: str, *, configured: str | None, national_office: bool) -> str:
    """The configured abbreviation, else the province's, else 国 for CNIPA (and 知 if unknown)."""
    if configured:
        return configured
    if national_office:
        return NATIONAL_ABBREVIATION
    return PROVINCE_ABBREVIATIONS.get(office_code[:2], "")

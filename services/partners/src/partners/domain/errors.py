"""The partners service's refusals (each a 4xx problem document in English and Chinese)."""

from __future__ import annotations

from shared.errors import Conflict, NotFound, ValidationFailed


class InvalidPartner(ValidationFailed):
    code = "invalid_partner"
    title = "The partner entry is not valid"
    title_zh = "合作方登记信息无效"


class PartnerNotFound(NotFound):
    code = "partner_not_found"
    title = "No such partner"
    title_zh = "无此合作方"


class PartnerExists(Conflict):
    code = "partner_exists"
    title = "A partner with this code is already registered"
    title_zh = "该代码的合作方已登记"


class KeyInUse(Conflict):
    code = "key_in_use"
    title = "This key id is already registered"
    title_zh = "该密钥标识已登记"

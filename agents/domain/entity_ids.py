"""Stable ids of the places and complexes a user talks about (entity memories key on them).

A complex is its 아파트일련번호 when the data has one, else "code:동:name" (분당 exports carry no
serial); a 동 is "code:동", since the same 동 name exists in several 구; a 시군구 is its LAWD code.
"""

from __future__ import annotations

from typing import Literal

EntityType = Literal["complex", "dong", "sigungu"]


def complex_entity_id(complex_id: str | None, sigungu_code: str | None, dong: str | None, name: str) -> str:
    return complex_id or f"{sigungu_code}:{dong}:{name}"


def dong_entity_id(sigungu_code: str | None, dong: str) -> str:
    return f"{sigungu_code}:{dong}"


def sigungu_entity_id(sigungu_code: str) -> str:
    return sigungu_code


def data_complex_id(entity_id: str, name: str) -> str | None:
    """The 아파트일련번호 a complex's entity id holds, or None where the id is the "code:동:name"
    fallback or the complex's bare name."""
    return None if ":" in entity_id or entity_id == name else entity_id

"""Character-class masks of a whole string, computed in C: the fast path behind counts over long texts.

A text's UTF-16 code units are split into a string of high bytes and one of low bytes. For each high byte
present, ``bytes.translate`` marks "this block" in the first and "in the class" in the second; the two, read
as big integers, are ANDed. The result has one byte (0 or 1) per character, so ``int.bit_count`` counts
matches, shifts by 8 bits look at neighbours, and the lowest set bit is the first match. Each class is
defined by a regex (the ``regex`` module's Unicode tables), evaluated once per 256-character block and
cached, so a mask equals what a per-character loop with that regex would give. Texts with characters outside
the Basic Multilingual Plane return None, and callers take their per-character path.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

_HI_BYTE = [bytes([b]) for b in range(256)]


class Masks:
    """The code units of one text, ready for masks."""

    __slots__ = ("hi", "lo", "present")

    def __init__(self, hi: bytes, lo: bytes, present: list[int]) -> None:
        self.hi, self.lo, self.present = hi, lo, present

    def mask(self, name: str, member: Callable[[str], bool]) -> int:
        """One byte per character: 1 where ``member(ch)`` holds (``name`` keys the cache of block tables)."""
        out = 0
        for h in self.present:
            table = _table(name, member, h)
            if table is None:
                continue
            out |= int.from_bytes(self.hi.translate(_is_hi(h)), "little") & int.from_bytes(
                self.lo.translate(table), "little"
            )
        return out


def masks(text: str) -> Masks | None:
    units = text.encode("utf-16-le", "surrogatepass")
    lo, hi = units[0::2], units[1::2]
    # the high bytes present: Latin-1 and Devanagari found with memchr, the rest (rare) with a set
    present = [h for h in (0x00, 0x09) if _HI_BYTE[h] in hi]
    others = hi.translate(None, b"\x00\x09")
    if others:
        present += sorted(set(others))
    if any(0xD8 <= h <= 0xDF for h in present):
        return None
    return Masks(hi, lo, present)


@lru_cache(maxsize=256)
def _is_hi(hi: int) -> bytes:
    return bytes(1 if b == hi else 0 for b in range(256))


_TABLES: dict[tuple[str, int], bytes | None] = {}


def _table(name: str, member: Callable[[str], bool], hi: int) -> bytes | None:
    key = (name, hi)
    if key not in _TABLES:
        table = bytes(1 if member(chr(hi << 8 | lo)) else 0 for lo in range(256))
        _TABLES[key] = table if any(table) else None
    return _TABLES[key]


def first_index(mask: int) -> int:
    """Index of the first character in the mask (the mask must not be 0)."""
    return ((mask & -mask).bit_length() - 1) // 8

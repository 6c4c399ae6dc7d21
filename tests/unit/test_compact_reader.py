"""The reader's word list and embeddings, held compactly, answer exactly as the libraries do."""

from __future__ import annotations

import functools
import json
import struct
from pathlib import Path

import numpy as np
import pytest
from spellchecker import SpellChecker

from livebuild.english import app_kind, embeddings
from livebuild.english.dictionary import english

# Founder's words, their slips, and hostile input: accents, digits, punctuation, huge words.
WORDS = [
    "members",
    "memebers",
    "rehersals",
    "rehearsal",
    "invoices",
    "invocies",
    "pomodoro",
    "makerspace",
    "preorders",
    "neighbour",
    "colour",
    "café",
    "naïve",
    "nan",
    "inf",
    "1",
    "1.5",
    "1e5",
    "-",
    "",
    "a",
    "x" * 60,
    "ßtraße",
    "日本語",
    "tenants",
    "tennants",
    "appointmnet",
    "shedule",
    "recieve",
    "calender",
    "loyality",
    "zzzzqx",
]
IDEAS = [
    "a pomodoro timer for my study group",
    "track members, dues and rehearsals for our choir",
    "",
    "héllo 🍕 ünïcode\x00 <script>alert(1)</script>",
    "word " * 500,
]


@functools.cache
def _reference() -> SpellChecker:
    return SpellChecker(language="en", distance=1)


@pytest.mark.parametrize("word", WORDS)
def test_the_word_list_answers_as_pyspellchecker_does(word: str) -> None:
    ref, mine = _reference(), english()
    assert mine.known([word]) == ref.known([word])
    assert mine.candidates(word) == ref.candidates(word)
    ours, theirs = mine.correction(word), ref.correction(word)
    # Equally used corrections are a tie pyspellchecker breaks by set order, as ours does.
    assert ours == theirs or (ours and theirs and ref[ours] == ref[theirs])


def test_an_accented_word_is_known_without_its_accent_too() -> None:
    # The one difference from pyspellchecker, on purpose: founders type "cafe", not "café",
    # and it is the word they mean, not a slip for "care".
    assert english().known(["cafe", "café"]) == {"cafe", "café"}
    assert _reference().known(["cafe"]) == set()


def test_the_word_list_is_a_few_megabytes_not_a_dict() -> None:
    held = sum(b.words.nbytes + b.counts.nbytes for b in english()._buckets.values())
    assert held < 4_000_000


def test_embeddings_are_wordllamas_to_the_last_bit() -> None:
    import wordllama

    folder = Path(wordllama.__file__).parent
    model = wordllama.WordLlama.load(cache_dir=folder, disable_download=True)
    kinds = app_kind.app_kinds()
    texts = [kinds.records, *(k.describe for k in kinds.kinds), *IDEAS]
    assert embeddings.embed(texts).tobytes() == model.embed(texts).tobytes()
    for idea in IDEAS:
        assert embeddings.embed([idea]).tobytes() == model.embed([idea]).tobytes()


def test_the_table_is_memory_mapped() -> None:
    _, table = embeddings._model()
    assert isinstance(table, np.memmap)
    assert not table.flags.writeable


@pytest.mark.parametrize(
    "header",
    [
        {"embedding.weight": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}},
        {"embedding.weight": {"dtype": "F16", "shape": [4, 4], "data_offsets": [0, 8]}},
        {"other": {}},
    ],
)
def test_a_table_not_laid_out_as_expected_is_refused(tmp_path: Path, header: object) -> None:
    raw = json.dumps(header).encode()
    path = tmp_path / "weights.safetensors"
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + bytes(64))
    with pytest.raises(embeddings.EmbeddingsError):
        embeddings._table(path)

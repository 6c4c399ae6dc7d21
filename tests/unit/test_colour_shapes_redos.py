"""The colour-against and tagline-by-place patterns take time linear in the request: a
crafted request of repeated words (up to the 5,000 characters a change may be) that fails at
its end is read in a blink, never the seconds or hours an ambiguous repeat would burn (the
readers run in a thread and `re` holds the GIL, so a slow pattern stalls the whole server).
Measured in CPU time; no app is started."""

from __future__ import annotations

import re
import time

from livebuild.brief import colour_against as ca
from livebuild.brief.colour_against import said_against
from livebuild.brief.tagline_said import _places, by_place, named_in_place

_PREFIXES = (
    "",
    "the red is too loud, ",
    "swap the red for ",
    "can it be ",
    "too ",
    "the red is ",
    "tone down ",
    "instead of blue use ",
    "less grey, more ",
    "the colour of a mussel shell, that ",
    "could the teal be ",
)
_ENDS = (" zz", " warmer zz", " red zz", " instead of the qq", "")


def _words_of(pattern: str) -> set[str]:
    """The plain words of a pattern's alternatives ("a bit", "thank you")."""
    text = re.sub(r"\\s[+*]", " ", pattern)
    return {w.strip() for w in re.split(r"[|()?:*+]", text) if re.fullmatch(r"[a-z' ]+", w)}


def _tokens() -> list[str]:
    moves = ca._moves()
    said = {w for table in (moves.towards, moves.too) for words in table.values() for w in words}
    said |= _words_of(ca._DEGREE) | _words_of(ca._POLITE) | _words_of(ca._FRAME)
    said |= {"sort of", "kind of", "navy blue", "sky blue", "blue", "red", "of a", "is too"}
    said |= {"deep", "light", "a bit", "blue-black", "-", "'"}
    p = _places()
    said |= {*p.roles, *p.carriers, *p.sizes, *p.sitting, *p.beside, *p.anchors, *p.pages}
    return sorted(w for w in said if w)


def _cpu(call: object, text: str) -> float:
    start = time.process_time()
    call(text)  # type: ignore[operator]
    return time.process_time() - start


def test_forty_repeated_words_read_in_a_blink_for_every_word_and_shape() -> None:
    slow = []
    for token in _tokens():
        for prefix in _PREFIXES:
            for end in _ENDS:
                text = prefix + " ".join([token] * 40) + end
                took = _cpu(said_against, text)
                if took > 0.05:
                    slow.append((round(took, 3), text[:70]))
    assert not slow, sorted(slow, reverse=True)[:10]


def test_tagline_places_read_in_a_blink_for_every_word() -> None:
    slow = []
    for token in _tokens():
        for text in (
            "the " + " ".join([token] * 40) + " under Test App zz",
            "put 'Since 1998' " + " ".join([token] * 40) + " zz",
            "under the logo, put 'x' " + " ".join([token] * 40) + " zz",
            "the little " + " ".join([token] * 40) + " under the " + "Ab." * 30 + "#",
        ):
            took = _cpu(lambda t: (named_in_place(t, "Test App"), by_place().sub("x", t)), text)
            if took > 0.05:
                slow.append((round(took, 3), text[:70]))
    assert not slow, sorted(slow, reverse=True)[:10]


def test_five_thousand_characters_read_in_well_under_a_second() -> None:
    slow = []
    for token in ("far", "sort of", "a bit", "please", "too", "navy blue", "line", "under", " "):
        for prefix in _PREFIXES[:5]:
            text = (prefix + (token + " ") * 5000)[:4997] + " zz"
            took = _cpu(said_against, text)
            took += _cpu(lambda t: (named_in_place(t, "Test App"), by_place().sub("x", t)), text)
            if took > 0.25:
                slow.append((round(took, 3), repr(text[:50])))
    assert not slow, sorted(slow, reverse=True)[:10]

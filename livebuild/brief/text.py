"""Word-level helpers: cleaning untrusted text, splitting words, plurals, slugs."""

from __future__ import annotations

import re
import unicodedata


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


def wordset(text: str) -> frozenset[str]:
    """The set of whitespace-separated words in `text`, for word lists written as prose."""
    return _wordset(text)


STOPWORDS = _wordset(
    """a an the and or but of to in on at for with by from into onto about as is are be been being
    it its this that these those which who whom whose what where when why how i me my we our you
    your they them their he she his her can could should would will shall may might must do does
    did done have has had having get gets got make makes made let lets helps help allows allow
    enable enables so such very really just also only not no yes all any each every some many
    more most other new simple easy app apps application platform tool tools website site web
    online service services system software saas mobile marketplace idea startup product
    like want need using use uses used people users user someone anyone everyone thing things
    way ways one two three lot lots kind sort based powered ai smart better best great"""
)

# Verbs that usually start a feature phrase ("lets owners *book* walkers").
VERBS = _wordset(
    """add analyse analyze answer apply approve archive assign attach book browse build buy
    calculate chat check collaborate collect compare connect create customise customize discover
    donate
    download draft earn edit email export file filter find follow generate get give go hire host
    import invite join keep learn list log manage match meet message monitor note order organise
    organize pay plan post print publish rate read receive record register remind rent reply
    report request reserve review save schedule search see sell send set share shop sign sort
    split start store submit subscribe swap sync tag teach track trade update upload view vote
    watch write"""
)

_MARKUP = re.compile(r"[<>{}\[\]`\"\\|^~*_=#$@]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _valid_characters(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8", "replace")
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cs", "Co", "Cn"))


def clean_text(text: str) -> str:
    """Plain, single-line text: no control chars, lone surrogates or markup characters."""
    text = _valid_characters(text)
    text = _CONTROL.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def clean_text_keep_lines(text: str) -> str:
    """Like `clean_text` but keeps sentence breaks and quotes for parsing."""
    text = _valid_characters(text)
    text = re.sub(r"<[^>]{0,200}>", " ", text)
    text = re.sub(r"[\r\n]+", ".\n", text)
    return re.sub(r"[ \t\x00-\x09\x0b-\x1f\x7f]+", " ", text)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z'-]*", text.lower())


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def plural(word: str) -> str:
    lower = word.lower()
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def slugify(text: str, fallback: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].strip("-") or fallback


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def truncate_words(text: str, max_words: int, max_chars: int) -> str:
    kept = text.split()[:max_words]
    out = " ".join(kept)
    while len(out) > max_chars and len(kept) > 1:
        kept = kept[:-1]
        out = " ".join(kept)
    return out[:max_chars].strip()

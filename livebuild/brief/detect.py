"""Reading an idea: which catalogue domain it belongs to, its main noun, and who it is for."""

from __future__ import annotations

import re

from livebuild.brief.catalogue import Domain, shipped_catalogue
from livebuild.brief.text import STOPWORDS, clean_text, sentence_case, singular, truncate_words
from livebuild.brief.text import words as split_words
from livebuild.english.grammar import with_article

# Verbs whose object is usually the thing the app keeps ("track my *synthesizers*").
_OBJECT_VERBS = frozenset(
    (
        "track",
        "manage",
        "organise",
        "organize",
        "catalog",
        "catalogue",
        "log",
        "share",
        "find",
        "sell",
        "rent",
        "collect",
        "list",
        "store",
        "swap",
        "review",
        "plan",
    )
)

_COLLECTIVE = frozenset(
    (
        "collection",
        "collections",
        "list",
        "lists",
        "library",
        "set",
        "group",
        "bunch",
        "stuff",
        "data",
    )
)

_FOR = re.compile(
    r"\bfor\s+((?:[\w'-]+\s*){1,7}?)"
    r"(?=\s*\b(?:to|who|that|which|so|with|where|and can)\b|[,.;:!?()]|$)",
    re.I,
)


def detect_domain(text: str) -> Domain | None:
    return scored_domain(text)[0]


def scored_domain(text: str) -> tuple[Domain | None, int]:
    """The catalogue domain whose keywords the idea uses most, and how strongly."""
    lowered = " " + " ".join(split_words(text)) + " "
    tokens = {singular(w) for w in split_words(text)} | set(split_words(text))
    best: Domain | None = None
    best_score = 0
    for domain in shipped_catalogue().domains:
        score = 0
        for rank, keyword in enumerate(domain.keywords):
            weight = 3 if rank < 3 else 2
            if " " in keyword or "-" in keyword:
                if f" {keyword} " in lowered:
                    score += weight
            elif keyword in tokens:
                score += weight
        if score > best_score:
            best, best_score = domain, score
    return best, best_score


def main_noun(text: str) -> str | None:
    words = split_words(text)
    for verb_at, word in enumerate(words):
        if word in _OBJECT_VERBS:
            phrase: list[str] = []
            for candidate in words[verb_at + 1 : verb_at + 6]:
                if candidate in STOPWORDS or "'" in candidate:
                    if phrase:
                        break
                    continue
                phrase.append(candidate)
            heads = [w for w in phrase if w not in _COLLECTIVE and len(w) > 2]
            if heads:
                return singular(heads[-1])
    for word in words:
        if word not in STOPWORDS and len(word) > 2 and "'" not in word and not word.endswith("ing"):
            return singular(word)
    for word in words:
        if word not in STOPWORDS and len(word) > 2 and "'" not in word:
            return singular(word)
    return None


def target_users(text: str, domain: Domain | None) -> str:
    match = _FOR.search(text)
    if match:
        users = clean_text(match.group(1)).strip(" .,;:!?-'")
        # "for a school" stays "a school": copy says "made for a school", not "for school".
        one = re.match(r"(?:a|an)\s+", users, flags=re.I)
        users = re.sub(r"^(?:the|a|an)\s+", "", users, flags=re.I)
        first = users.split()[0].lower() if users.split() else ""
        if len(users) >= 3 and first not in STOPWORDS and re.search(r"[^\W\d_]", users):
            users = truncate_words(users, 7, 60)
            return sentence_case(with_article(users) if one else users)
    if domain is not None:
        return domain.users
    return "Small teams and independent makers"

"""From the idea's reading: which catalogue domain it belongs to, and who it is for."""

from __future__ import annotations

import re
from collections.abc import Sequence

from livebuild.brief.catalogue import Domain, shipped_catalogue
from livebuild.brief.text import STOPWORDS, clean_text, sentence_case, singular, truncate_words
from livebuild.english.grammar import with_article


def scored_domain(words: Sequence[str]) -> tuple[Domain | None, int]:
    """The catalogue domain whose keywords the idea's `words` use most, and how strongly."""
    lowered = " " + " ".join(words) + " "
    tokens = {singular(w) for w in words} | set(words)
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


def target_users(for_whom: str, domain: Domain | None) -> str:
    """Who the app is for, from what the idea says after "for" (`IdeaReading.for_whom`)."""
    if for_whom:
        users = clean_text(for_whom).strip(" .,;:!?-'")
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

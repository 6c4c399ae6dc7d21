"""The words of a change request: what kind a field is from its name, the fields a phrase
lists, and whether a new name reads as a name or as a piece of a sentence."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from livebuild.brief.change_colours import CHANGE_COLOURS
from livebuild.brief.change_wordlists import words
from livebuild.brief.model import FIELD_KINDS
from livebuild.brief.schema import KIND_NAMES
from livebuild.english.inflections import all_lemmas
from livebuild.english.spelling import correction, known

# The kind a founder names outright ("make price a number").
# The plan's own kinds by their names ("phone", "web address", "date and time"), then the
# founder's words for them.
KIND_WORDS: dict[str, str] = {
    **{kind: kind for kind in FIELD_KINDS if kind != "link"},
    **{name: kind for kind, name in KIND_NAMES.items() if kind != "link"},
    **words().kinds,
}
YES_NO = ("Yes", "No")

_PHONE = "phone" if "phone" in FIELD_KINDS else "text"
_URL = "url" if "url" in FIELD_KINDS else "text"
# A field's kind judged from its name, first match wins: identifiers and phone numbers are
# text even though they say "number", because "+1 555 010 0199" and "AB-12" are not numbers.
_LABEL_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:phone|mobile|cell|telephone|tel|whatsapp)\b"), _PHONE),
    (re.compile(r"\b(?:e-?mail)\b"), "email"),
    (re.compile(r"\b(?:website|web\s*site|url|homepage|web\s+address|web\s+page)\b"), _URL),
    (re.compile(r"\b(?:date|birthday|dob|deadline)\b"), "date"),
    (
        re.compile(
            r"\b(?:ids?|sku|postal|postcode|zip|zipcode|code|reference|ref|serial|tracking|"
            r"iban|vat|nhs|passport|licen[cs]e|registration|isbn|barcode|room|address|street)\b"
        ),
        "text",
    ),
    (
        re.compile(
            r"\b(?:price|cost|fee|fees|amount|total|budget|salary|revenue|rate|wage|deposit|"
            r"balance|tip|charge|spend|income|payment|value|refund|discount)s?\b"
        ),
        "money",
    ),
    (
        re.compile(
            r"\b(?:day|due|birth|anniversary|expiry|expires|"
            r"joined|started|ended|arrived|delivered|renewal)\b"
        ),
        "date",
    ),
    (
        re.compile(
            r"\b(?:number of|how many|weight|quantity|qty|count|age|size|score|rating|hours|"
            r"minutes|length|height|width|distance|calories|stock|servings|capacity|seats|years|"
            r"kg|lbs|duration|level|points|guests|attendees|reps|sets|floor|percent\w*|"
            r"miles|mileage|km|kilometres|kilometers|metres|meters|litres|liters|mins)\b|%"
        ),
        "number",
    ),
    (re.compile(r"\b(?:notes?|description|details|comments?|summary|bio|history)\b"), "longtext"),
    # "Start time", "ceremony time": a time of day, named by its last word.
    (re.compile(r"\btime$"), "time" if "time" in FIELD_KINDS else "text"),
)
_ID_NUMBER = re.compile(r"\b(?:number|no|#)$")
_YES_NO = re.compile(
    r"\s*\(?\b(?:yes\s*/\s*no|yes\s+or\s+no|y\s*/\s*n|true\s*/\s*false|tick\s*-?\s*box|"
    r"check\s*-?\s*box|toggle)\b\)?\s*$"
)
_WHETHER = re.compile(
    r"^(?:whether|if)\s+(?:(?:a|an|the|each|every)\s+[a-z-]+(?:'s|\s+(?:is|are|has|have|was|were))"
    r"\s+(?:been\s+)?|it\s+is\s+|they\s+are\s+|they've\s+(?:been\s+)?|it's\s+(?:been\s+)?)?"
)
# "whether a team's paid their league fee": whose it is goes without saying.
_WHOSE = re.compile(r"\b(?:their|its|his|her|our)\s+", re.I)


def kind_of(label: str) -> str:
    """The kind a field called `label` holds."""
    lowered = label.lower()
    for pattern, kind in _LABEL_KINDS:
        if pattern.search(lowered):
            return kind
    if _ID_NUMBER.search(lowered):
        return "text"  # "room number", "NHS number": something written down, not counted
    return "text"


def kind_word(text: str) -> str | None:
    return KIND_WORDS.get(re.sub(r"\s+", " ", text.strip().lower()))


ARTICLES = re.compile(
    r"^(?:the|a|an|its|their|his|her|our|my|your|each|every|all|some|any)\s+", re.I
)
_PRONOUNS = re.compile(r"\b(?:it|they|he|she|we|you|i|was|were|is|are|has|had|got|gets)\b\s*", re.I)
_NOUNS_AFTER = re.compile(
    r"(?<!\bof)\s+(?:fields?|columns?|boxes?|info|information|details?)$", re.I
)
# "a field", "a new column", "another box": a container said with no name for what it holds
# ("Item", "Details" and "Info" name what a record holds, so they are names).
_NAMELESS = re.compile(
    r"(?:(?:a|an|the|one|some|new|extra|another|other|more|additional|spare|custom|blank|"
    r"empty|big|bigger|large|larger|proper)\s+)*(?:fields?|columns?|box(?:es)?|things?|bits?|stuff|"
    r"something|one|new)?",
    re.I,
)


# "a box for their vet", "a new field for the tip": the place said before what it holds.
_PLACE_FOR = re.compile(
    r"^(?:(?:new|extra|another|other|additional|spare|separate|blank|empty)\s+)*"
    r"(?:field|column|box|space|place|spot|section|line)\s+for\s+(?:(?:the|their|its|his|her|"
    r"a|an|any)\s+)?(?=[a-z])",
    re.I,
)


# "we need to know their door code", "I'd like to record the date": what is kept is the field.
_WANT_TO_KEEP = re.compile(
    r"^(?:(?:we|i)\s+(?:also\s+|really\s+)?(?:need|want|have|would\s+like|'d\s+like)\s+to\s+"
    r"(?:also\s+)?(?:know|record|keep|note|track|log|see|store|write\s+down|put\s+in)\s+"
    r"(?:(?:their|its|his|her|the|each|every)\s+)?)(?=[a-z])",
    re.I,
)


def names_nothing(text: str) -> bool:
    """Whether `text` says a place for something but not what ("a new column", "a field")."""
    return _NAMELESS.fullmatch(re.sub(r"\s+", " ", unquote(text).strip(" .,!?'\""))) is not None


_SUBJECT = re.compile(r"^(?:we|i|they|he|she|you)\s+(?!(?:was|were|is|are)\b)[a-z]", re.I)
# Labels kept as said though they end on a little word: "Lent to", "Date to reorder by", "Date
# came in" (a date named by what happens on it, a person by what is done to them).
_SAID_WHOLE = re.compile(
    r"^(?:(?:date|day|time)\s+(?:to\s+)?[a-z]+(?:\s+(?:in|out|back|up|off|on|by|over))?|"
    r"[a-z]+(?:ed|nt|wn|ne)\s+(?:to|by|with|for))$",
    re.I,
)


def label(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip())[:60]
    return text[:1].upper() + text[1:]


def unquote(text: str) -> str:
    return text.strip().strip("\"'").strip().rstrip(".?!").strip()


_WHY = re.compile(
    r"\s+(?:so(?:\s+that)?|because|since|which|in\s+case|for\s+when|when|as\s+we|as\s+they|"
    r"to\s+(?:help|make|let|see|know|check|call|contact))\b.*$",
    re.I,
)
_UNIT = re.compile(
    r"\s*\(?\s*\b(?:in|as)\s+(?:minutes|mins|hours|hrs|days|weeks|months|years|kg|kilos|grams|"
    r"pounds|lbs|miles|km|kilometres|kilometers|metres|meters|cm|litres|liters|percent|%)\s*\)?$"
    r"|\s+(?:out\s+of|from\s+\d+\s+to)\s+\d+$",
    re.I,
)


def field_specs(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """(label, kind, choices) for each field a phrase lists: "its amount and the date it
    arrived" is Amount (money) and Date arrived (date)."""
    specs: list[tuple[str, str, tuple[str, ...]]] = []
    text = _WHY.sub("", _WANT_TO_KEEP.sub("", text.strip(), count=1))
    for part in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+plus\s+|\s*&\s*", text.strip())[:12]:
        spec = field_spec(part)
        if spec is not None and spec[0].lower() not in {s[0].lower() for s in specs}:
            specs.append(spec)
    return specs


_PARTICLE = re.compile(r"[a-z]+ed\s+(?:in|up|out|off|back|on|over)")


def _says(part: str) -> bool:
    """ "physio insists", "my wife reckons": a noun and a verb said of it (a word only ever a
    verb, in its -s form) is a clause, who wants the field, never the field's name."""
    words = part.lower().split()
    return len(words) >= 2 and words[-1].endswith("s") and set(all_lemmas(words[-1])) == {"VERB"}


def field_spec(part: str) -> tuple[str, str, tuple[str, ...]] | None:
    part = unquote(part)
    part = re.sub(r"^(?:also|too)\s+", "", part, flags=re.I)
    while ARTICLES.match(part):
        part = ARTICLES.sub("", part, count=1)
    part = _PLACE_FOR.sub("", _NOUNS_AFTER.sub("", part), count=1)
    part = _WANT_TO_KEEP.sub("", part, count=1)
    if names_nothing(part):
        return None
    hinted = re.match(r"^(?P<name>.+?)\s*\((?P<kind>[a-z /-]+)\)$", part, re.I)
    given = None
    if _UNIT.search(part):
        part, given = _UNIT.sub("", part), "number"
    if hinted is not None and kind_word(hinted["kind"]) is not None:
        part, given = hinted["name"], kind_word(hinted["kind"])
    yes_no = _YES_NO.search(part) or _WHETHER.match(part.lower())
    if yes_no is not None:
        part = _YES_NO.sub(
            "", _WHETHER.sub("", part, count=1) if _WHETHER.match(part.lower()) else part
        )
        part = _WHOSE.sub("", part)
        given = "boolean"  # a yes or no is a tick box, as "whether" is in a list of details
    # "the date it arrived": a label, not a sentence; "what went wrong" is a question kept whole.
    asked = re.match(r"(?:what|who)\s", part, re.I) is not None
    if not asked and (_SUBJECT.match(part) or _says(part)):
        return None  # "we fetch them": a clause of its own, why the field is wanted
    part = part if asked else _PRONOUNS.sub("", part).strip()
    asked = asked or _SAID_WHOLE.match(part) is not None
    part = unquote(part)
    if not part or len(part) > 40 or not re.fullmatch(r"[A-Za-z][A-Za-z0-9' /-]*", part):
        return None
    if re.search(r"'(?![A-Za-z])|(?<![A-Za-z])'", part):
        return None  # a quote left open is a value said, not a field's name
    # "whether it was handed in": a yes or no may end on its verb's particle.
    done = yes_no is not None and _PARTICLE.fullmatch(part.lower()) is not None
    # "next of kin phone number": an "of" inside a name joins it, it adds no word of its own.
    said = [w for w in part.split() if w.lower() != "of"]
    if len(said) > (5 if asked else 4) or not (asked or done or reads_as_field(part)):
        return None
    kind = given or kind_of(part)
    return label(part), kind, YES_NO if kind == "choice" else ()


def values(text: str) -> list[str]:
    """The choices a phrase lists: quoted ones if any, else separated by commas, "and", "or"."""
    quoted = re.findall(r"\"([^\"]{1,60})\"|'([^']{1,60})'", text)
    if quoted:
        return list(dict.fromkeys(label(a or b) for a, b in quoted))[:12]
    parts = re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|\s*/\s*", text)
    cleaned = [unquote(ARTICLES.sub("", p.strip())) for p in parts]
    return list(dict.fromkeys(label(c) for c in cleaned if c))[:12]


_CUT_NAME = re.compile(
    r"\s*(?:,|;|\(|\s-\s|\s+(?:because|since|as\s+(?:it|that|this)|that's|thats|it's|its\s+a|"
    r"which|instead|please|thanks|thank\s+you|for\s+now|then|too)\b).*$",
    re.I,
)
_NOT_NAME_WORDS = frozenset(words().lists.not_name)


def name_text(text: str) -> str:
    """A new name as said, cut to the name: quoted if quoted, else up to a comma or "because"."""
    # Quoted at the front ("'Reservations' instead"): the quotes say where the name ends.
    quoted = re.match(r"\s*(?:(?:the|a|an)\s+)?(?:\"([^\"]{1,60})\"|'([^']{1,60})')", text)
    if quoted:
        return (quoted[1] or quoted[2]).strip()
    cut = _CUT_NAME.sub("", text.strip())
    cut = unquote(cut)
    while ARTICLES.match(cut):
        cut = ARTICLES.sub("", cut, count=1)
    cut = re.sub(r"(?<!ing)\s+list$", "", cut, flags=re.I)  # "a waiting list" keeps its list
    return re.sub(r"\s+(?:page|field|column|section|tab)$", "", cut, flags=re.I).strip()


def reads_as_name(text: str, most_words: int = 3) -> bool:
    """True for "Reservations" or "Business name"; False for "the people who come to class"."""
    found = re.findall(r"[A-Za-z0-9][A-Za-z0-9'&.-]*", text)
    if not found or len(found) > most_words or len(text) > 40:
        return False
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9 '&./-]*", text):
        return False
    return not any(word.lower() in _NOT_NAME_WORDS for word in found)


def chosen_name(new: str, said: str) -> bool:
    """Whether `said` quotes `new` as the founder's own short name ("'Delivered to'", "'Last
    deep clean'"): the quotes say it is a name, whatever small words it holds."""
    return (
        said.strip()[:1] in ("'", '"')
        and len(new.split()) <= 4
        and re.fullmatch(r"[A-Za-z][A-Za-z0-9 '&./-]{0,39}", new) is not None
    )


# Words no name ends on: "a waitlist for classes" is a Waitlist, never a "Waitlist for".
_NOT_HEAD = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "for",
        "with",
        "on",
        "in",
        "at",
        "from",
        "by",
        "that",
        "which",
        "who",
        "where",
        "when",
        "whose",
        "whether",
        "if",
    ]
)


def head_noun(text: str) -> str:
    """The name at the front of a longer phrase: "people" of "people who come to class"."""
    text = re.sub(r"\b(?:page|section|list|tab)s?\b", " ", text, flags=re.I)
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    kept: list[str] = []
    for word in words:
        if word.lower() in _NOT_NAME_WORDS or word.lower() in _NOT_HEAD:
            if kept:
                break
            continue
        kept.append(word)
    return " ".join(kept[:2])


# Slips of the keys in the small words a request hangs on.
_SLIPS = words().slips
VERBS = tuple(words().lists.verbs)


# A request about a choice's options: the words it lists are the founder's options.
_OPTIONS_CUE = re.compile(
    r"\b(?:drop-?downs?|choices?|options?|selects?|pick[\s-]?lists?|list\s+of\s+options)\b",
    re.IGNORECASE,
)
# A new name said after a rename: "rename courts to padel courts", "call it padel".
_NAMING = re.compile(
    r"\b(?:rename\w*\b.*?\b(?:to|as)|call(?:ed)?|named?|name\s+it)\s+(?P<name>.+)$", re.IGNORECASE
)
_LISTED = frozenset(("and", "or", "&", "/"))


def _given(words: list[str]) -> set[int]:
    """Where `words` gives the founder's own options or names, never to be spell-corrected:
    the words after a rename's "to" ("rename courts to padel courts"), and in a request about a
    choice's options the words listed with "and", "or", "/" or a comma ("the sport dropdown
    needs padel and pickleball")."""
    text = " ".join(words)
    given: set[int] = set()
    named = _NAMING.search(text)
    if named is not None:
        first = len(text[: named.start("name")].split())
        given.update(range(first, len(words)))
    if _OPTIONS_CUE.search(text):
        bare = [w.strip(",;") for w in words]
        for i, word in enumerate(words):
            joined = word.endswith(",") or (i > 0 and words[i - 1].endswith(","))
            beside = {bare[j].lower() for j in (i - 1, i + 1) if 0 <= j < len(words)}
            if joined or beside & _LISTED:
                given.add(i)
    return given


def _spelt(words: list[str]) -> list[str]:
    """Lower-case words outside quotes that are no English word, put right by the dictionary
    ("shoud", "replacment"); a capitalised or quoted word may be a name and stays, and so do
    the options and new names the founder gives (`_given`)."""
    quoted = False
    mended = []
    given = _given(words)
    for i, word in enumerate(words):
        starts = word[:1] in ("'", '"')
        if starts:
            quoted = True
        if not quoted and i not in given and word.isalpha() and word.islower():
            # A slip of the keys seldom hits the first letter ("adress" is not "dress").
            mended_word = correction(word)
            word = mended_word if mended_word[:1] == word[:1] else word
        if word[-1:] in ("'", '"') and (not starts or len(word) > 1):
            quoted = False
        mended.append(word)
    return mended


def mend(text: str) -> str:
    """`text` with slips in its small words and its first verb put right ("remvoe" is remove)."""
    words = [_SLIPS.get(w.lower(), w) for w in text.split(" ")]
    words = _spelt(words)
    first = words[0].lower() if words else ""
    if len(first) >= 4 and first.isalpha() and first not in VERBS and not known(first):
        found = process.extractOne(first, VERBS, scorer=fuzz.ratio, score_cutoff=80)
        if found is not None:
            words[0] = found[0]
    return " ".join(words)


_NOT_RECORD = frozenset(words().lists.not_record)


def reads_as_record(name: str) -> bool:
    """True for a name a kind of record can have ("Invoices", "Rent payments"); False for
    a stray word of a sentence ("to", "rename", "blue")."""
    if not reads_as_name(name):
        return False
    words = name.lower().split()
    if "'" in name or '"' in name:
        return False
    if any(len(w) < 2 or w in _NOT_RECORD or w in VERBS for w in words):
        return False
    # "Blue" or "dark green" is a colour, not records; "Green coffee" is records.
    return words[-1] not in CHANGE_COLOURS


_EDGE = frozenset(words().lists.edge)
_NOT_FIELD = frozenset(words().lists.not_field)


def reads_as_field(label: str) -> bool:
    """True for "Date of birth"; False for "Status swap" or "Phone to" left from a sentence."""
    words = label.lower().split()
    if not words or words[0] in _EDGE or words[-1] in _EDGE:
        return False
    return not any(w in _NOT_FIELD for w in words)


def pick_verbs() -> frozenset[str]:
    """Verbs of picking a record from another kind's list (`change_pick`)."""
    return frozenset(words().lists.pick_verbs)


def pick_nouns() -> frozenset[str]:
    """Nouns of a field picked from another kind's list ("a dropdown of people"): `change_pick`."""
    return frozenset(words().lists.pick_nouns)


def choice_words() -> frozenset[str]:
    """The words of the [kinds] table that mean a choice ("dropdown") or a choice of two, a
    yes or no ("yes/no", "tick box": made a boolean when asked for alone)."""
    return frozenset(word for word, kind in words().kinds.items() if kind in ("choice", "boolean"))


def field_words() -> frozenset[str]:
    """Words for a field itself ("box", "field"): `change_field_word`."""
    return frozenset(words().lists.field_words)


def record_words() -> frozenset[str]:
    """Words for a kind of record itself ("record", "entry"): `change_heads`."""
    return frozenset(words().lists.record_words)


def wish_verbs() -> frozenset[str]:
    """Verbs of wishing a detail kept on a record kind (`change_wanted`)."""
    return frozenset(words().lists.wish_verbs)

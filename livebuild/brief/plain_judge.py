"""A learned judge of whether an idea is a record-keeping app, for the plan without a model.

The words decide where they are sure (`record_app`: "a pomodoro *timer*", "a timer that *logs
each session*"). Elsewhere the rules only compared the idea's meaning with one sentence per kind
of app, tuned to the phrasings seen, and answered a third of new non-record ideas plainly.
This judge reads the whole idea the same way every time: a logistic regression over its
WordLlama vector (what it is about: a ship shooting rocks, a beat, a page of prices), how close
it reads to each kind's sentence, and what the grammar says of it (how many things it keeps
many of, whether a verb keeps them, whether it names a known record-keeping app, how long it
is), and what the idea asks the app to do against what it asks it to keep (`purpose`: "it
tells you", "it draws ... and emails", "open the vent", "a round timer", a sensor, "live",
"3 min rounds" against "keep track of", "a log of", "each dog with its owner"). Trained by
`bench/train_plain.py` on the spent rounds 3-14, the development ideas, `bench/plain_ideas.toml`
and `bench/plain_does.toml`, and shipped as `plain_judge.json` beside this file.

An idea scored `plain` or more is not a record-keeping app; one scored under `records` is one,
whatever its likeness to a kind said; one scored under `sure` is one whatever its words say;
one that says what its app does and is scored `overrule` or more is not one though it counts
what it keeps (the things a boxing timer's "3 min rounds" or a fence calculator's "how many
posts" name are what it works on); that lifts only the "counted" reading, never a record
product, a domain or a business the words name. `plain`
and `overrule` are set above every record idea of the training data scored out of fold: a
founder whose real app is refused is worse off than one whose timer gets a list.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from livebuild.brief import judge_file
from livebuild.english import embeddings, purpose
from livebuild.english.app_kind import AppKind, app_kinds, meant, prototypes
from livebuild.english.lexicon import lexicon
from livebuild.english.reading import Reading, words_of

if TYPE_CHECKING:
    import numpy as np

WEIGHTS = Path(__file__).with_name("plain_judge.json")
# The plain judge's file is its own format 4: the kind head came after the shared format 1,
# what the idea asks the app to do (`purpose`) and the `overrule` threshold after that, and
# the lift head (`LiftHead`) with its bar `lifted` after those.
FORMAT = 4
# How a verb that keeps ("track", "log") may end as said: "tracks", "logged" (as "logged").
_ENDINGS = ("", "s", "ed", "ing", "ged")
# How many features the grammar gives (`grammar`): the rules' and the parse's, then what the
# idea asks the app to do and to keep (`purpose.features`).
GRAMMAR = 19 + purpose.WIDTH


class PlainJudgeError(RuntimeError):
    """The judge's weights file is missing or not what this code reads."""


@dataclass(frozen=True)
class Evidence:
    """What the rules read of an idea's kind (`record_app.evidence`)."""

    keeps: bool  # it says it keeps many of something ("logs each session")
    worded: bool  # the product's name or what is asked for says a kind ("a pomodoro timer")
    record_product: bool  # it names a record keeper ("a game tracker")
    domain: bool  # it is a known kind of record-keeping app whole
    signed: bool  # it says what a kind does ("how much each pays")
    many: int  # things it keeps many of
    named: int  # things it names plainly
    things: int  # things the plan would keep
    counted: bool  # it counts one by one something it keeps ("each dog", "40 bikes")
    business: bool = False  # it is for running a business ("an app for my bakery")
    does: bool = False  # it says what the app does ("it tells you", "a round timer")
    names_app: bool = False  # its business or domain names the app itself ("a *gym* app")

    @property
    def settled(self) -> bool:
        """Whether the words say plainly it keeps records: it says it keeps many of something,
        names a record keeper, is a known kind of record-keeping app ("a recipe box"), or is
        for running a business and names no other kind ("an app to run my tattoo studio")."""
        business = self.business and not self.signed  # "see what time it is for my team"
        return self.keeps or self.record_product or self.domain or business


def grammar(reading: Reading, evidence: Evidence) -> list[float]:
    """The features the rules and the parse give, each a number."""
    said = reading.phrases
    keeping = lexicon().keeping_verbs
    plural = sum(p.plural for p in said)
    words = words_of(reading.fixed.lower())
    kept = {f"{w}{end}" for w in keeping for end in _ENDINGS} | {f"{w}d" for w in keeping}
    return [
        float(evidence.keeps),
        float(evidence.worded),
        float(evidence.record_product),
        float(evidence.domain),
        float(evidence.signed),
        math.log1p(evidence.many),
        math.log1p(evidence.named),
        math.log1p(evidence.things),
        float(evidence.counted),
        math.log1p(len(words)),
        math.log1p(len(reading.sentences)),
        plural / max(len(said), 1),
        float(sum(p.plural and p.mine for p in said)),
        float(any(p.verb in keeping for p in said)),
        float(len(reading.lists)),
        float(bool(words) and words[0] in keeping),
        math.log1p(sum(w in kept for w in words)),
        float(evidence.business),
        float(bool(words[:1]) and words[0] in lexicon().brands),
        *purpose.features(reading),
    ]


def features(reading: Reading, evidence: Evidence) -> np.ndarray:
    """One row: the grammar's features, the idea's likeness to each kind's sentence (the
    record-keeping one first), and its WordLlama vector made unit length. The meaning is read
    with a brand it is compared to said as what that product does (`app_kind.meant`)."""
    import numpy as np

    vector = embeddings.embed([meant(reading.fixed)[:2000]])[0].astype(np.float64)
    likeness = prototypes() @ vector
    unit = vector / max(float(np.linalg.norm(vector)), 1e-9)
    return np.concatenate([np.array(grammar(reading, evidence)), likeness, unit])


def width() -> int:
    """How many features a row has."""
    return GRAMMAR + 1 + len(app_kinds().kinds) + embeddings.width()


@dataclass(frozen=True)
class KindHead:
    """Which kind of app an idea that keeps no records is: one logistic regression a kind
    (`names`, rows of `weights`), over the judge's standardised row; the highest scores."""

    names: tuple[str, ...]
    weights: np.ndarray  # one row a kind
    bias: np.ndarray

    def kind(self, standard: np.ndarray) -> AppKind:
        best = self.names[int((self.weights @ standard + self.bias).argmax())]
        return next(k for k in app_kinds().kinds if k.name == best)

    def to_json(self) -> dict[str, Any]:
        return {
            "names": list(self.names),
            "weights": [[round(float(v), 6) for v in row] for row in self.weights],
            "bias": [round(float(v), 6) for v in self.bias],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KindHead:
        import numpy as np

        names = tuple(str(n) for n in data["names"])
        weights = np.array(data["weights"], dtype=np.float64)
        bias = np.array(data["bias"], dtype=np.float64)
        known = {k.name for k in app_kinds().kinds}
        if not names or not set(names) <= known or len(set(names)) != len(names):
            raise PlainJudgeError(f"kinds {names} are not kinds of app named once each")
        if weights.shape != (len(names), width()) or bias.shape != (len(names),):
            raise PlainJudgeError(f"the kind head is not {len(names)} rows of {width()}")
        if not (np.isfinite(weights).all() and np.isfinite(bias).all()):
            raise PlainJudgeError("the kind head's weights are not all finite")
        return cls(names, weights, bias)


@dataclass(frozen=True)
class LiftHead:
    """How sure it is that an idea the words read as records asks its app to show, play, work
    out or drive what it names rather than keep it ("the scores *come up* on the pub TV, we
    don't keep them", "it *plays* the backing track of 4,000 songs"): a logistic regression
    over the same row, fit only on ideas whose words say records (they keep many of something,
    count what they name, are for a business), where the judge's own score has no say."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def score(self, row: np.ndarray) -> float:
        z = float(((row - self.mean) / self.scale) @ self.weights) + self.bias
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def to_json(self) -> dict[str, Any]:
        return {"bias": self.bias, **judge_file.rows_json(self.mean, self.scale, self.weights)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LiftHead:
        said = {"format": FORMAT, **data}
        arrays = judge_file.rows(said, PlainJudgeError, width(), said="lift", format=FORMAT)
        bias = float(data["bias"])
        if not math.isfinite(bias):
            raise PlainJudgeError("the lift head's bias is not finite")
        return cls(arrays[0], arrays[1], arrays[2], bias)


def overrulable(evidence: Evidence) -> bool:
    """Whether `overrule` may answer the idea plainly: it counts what it names and says what its
    app does ("it times 3 min rounds", "one of 21 cards"), and nothing else says records (no
    kind's name, no "keep track", record product, domain or business)."""
    said = evidence.worded or evidence.settled
    return evidence.does and evidence.counted and bool(evidence.things) and not said


def liftable(evidence: Evidence) -> bool:
    """Whether the lift head may answer an idea plainly: its words read it as records (it
    keeps many of something, counts what it names, is for a business) but name no record
    keeper, record-keeping domain or kind of app ("a game tracker", "the books I've lent
    out", "a pomodoro timer")."""
    if evidence.worded or evidence.record_product or evidence.domain or not evidence.things:
        return False  # a record-keeping domain the words name ("the books I've lent") stands
    return evidence.settled or evidence.counted


@dataclass(frozen=True)
class PlainJudge:
    """A trained logistic regression: features centred by `mean` and scaled by `scale`; its
    `kinds` head says which kind of app an idea it answers plainly is."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    plain: float
    records: float
    # Under this, even a kind the words say is overruled ("the *players* and their characters"
    # of a live-action role-play group read as a game).
    sure: float = 0.0
    kinds: KindHead | None = None
    # At or over this, the idea is answered plainly whatever the words' reading of it: things
    # counted or kept on the way ("3 min rounds", "how many posts", "a slideshow of 200
    # photos") are what the app works on, not records. Above every record idea of the training
    # data, scored out of fold (1.0: never).
    overrule: float = 1.0
    # The lift head, and the bar at or over which it answers a `liftable` idea plainly: above
    # every record idea of the training data it may lift, scored out of fold, and no lower
    # than `plain` (1.0: never).
    lift: LiftHead | None = None
    lifted: float = 1.0
    # At or over this, an idea that names nothing to keep is answered plainly whatever it reads
    # like: above every record idea of the training data that names nothing ("a wine cellar
    # app"), scored out of fold (1.0: never).
    bare: float = 1.0

    def lifts(self, evidence: Evidence, row: np.ndarray) -> bool:
        """Whether the lift head answers the idea plainly though its words read records."""
        if self.lift is None or self.lifted >= 1.0 or not liftable(evidence):
            return False
        return self.lift.score(row) >= self.lifted

    def standard(self, row: np.ndarray) -> np.ndarray:
        if row.shape != self.weights.shape:
            raise PlainJudgeError(f"{row.shape[0]} features, weights for {self.weights.shape[0]}")
        standard: np.ndarray = (row - self.mean) / self.scale
        return standard

    def score(self, row: np.ndarray) -> float:
        """How sure it is that the idea is not a record-keeping app, 0 to 1."""
        z = float(self.standard(row) @ self.weights) + self.bias
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def kind(self, row: np.ndarray) -> AppKind | None:
        """Which kind of app the idea reads as, if it is not a record-keeping app."""
        return self.kinds.kind(self.standard(row)) if self.kinds is not None else None

    def verdict(
        self, evidence: Evidence, score: float, lifted: bool = False, shown: bool = False
    ) -> bool | None:
        """True: not a record-keeping app; False: one; None: as the rules read it. The words'
        reading stands where it is sure (a record keeper named, a kind named unless the score
        is under `sure`); an idea that names nothing to keep ("a wine cellar app") is left to
        the rules' reading of its meaning, and one that counts what it keeps ("40 bikes") is
        answered plainly only by its words, unless it says what the app does and the score
        reaches `overrule`: then the things counted are what it works on ("3 min rounds").
        Saying what it does lifts nothing else: a games club that "picks tonight's game" or a
        shop that "emails a reminder" keeps records all the same. `lifted`: the lift head
        answers it plainly (`lifts`), which beats the words' reading of records, and so does a
        domain named only in passing (`passing`). `shown`: the
        kind the words name is a shown list (a menu board), which a business that counts what it
        lists and says nothing the app does keeps as records."""
        if lifted and liftable(evidence):
            return True
        if evidence.worded:
            if shown and evidence.business and evidence.counted and not evidence.does:
                return False  # "Menu board for our cafe: each dish, its price": kept, not shown
            return False if score < self.sure else None
        if self.passing(evidence, score):
            return True
        if evidence.settled:
            return False
        if not evidence.things:  # it names nothing to keep: its likeness to each kind's
            return True if score >= self.bare else None  # sentence decides, unless sure
        if score >= self.plain and (not evidence.counted or self.overrules(evidence, score)):
            return True
        return False if score < self.records else None

    def passing(self, evidence: Evidence, score: float) -> bool:
        """Whether a known kind of record-keeping app is only named in passing: the plan would
        keep nothing, the idea says what its app does, nothing else says records, and the
        score reaches `plain` ("take a picture of your *cat* and it adds a party hat"): the
        domain is only its input. A domain said with something to keep, or by an idea that says
        nothing its app does ("a *wine cellar* app") or names the app by it ("a *gym* app that
        tells you when your membership runs out"), stands."""
        said = evidence.keeps or evidence.record_product or evidence.business or evidence.names_app
        return (
            evidence.domain
            and not evidence.things
            and evidence.does
            and not said
            and (score >= self.plain)
        )

    def overrules(self, evidence: Evidence, score: float) -> bool:
        """Whether an idea that says what its app does ("it times 3 min rounds") is answered
        plainly though it counts what it works on: only over `overrule`, and never where that
        is 1.0 (a score clamped at its top rounds to exactly 1.0)."""
        return overrulable(evidence) and self.overrule < 1.0 and score >= self.overrule

    def to_json(self, about: dict[str, Any]) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "about": about,
            "plain": self.plain,
            "records": self.records,
            "sure": self.sure,
            "overrule": self.overrule,
            "bias": self.bias,
            **judge_file.rows_json(self.mean, self.scale, self.weights),
            "kinds": self.kinds.to_json() if self.kinds is not None else None,
            "lifted": self.lifted,
            "bare": self.bare,
            "lift": self.lift.to_json() if self.lift is not None else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlainJudge:
        arrays = judge_file.rows(data, PlainJudgeError, width(), said="format", format=FORMAT)
        keys = ("plain", "records", "sure", "overrule", "bias")
        plain, records, sure, overrule, bias = (float(data[k]) for k in keys)
        if not (0.0 <= sure <= records < plain <= overrule <= 1.0) or not math.isfinite(bias):
            raise PlainJudgeError(
                f"thresholds {sure}, {records}, {plain}, {overrule} are not "
                "0 <= sure <= records < plain <= overrule <= 1"
            )
        head = data.get("kinds")
        try:
            kinds = KindHead.from_json(head) if head is not None else None
        except (KeyError, TypeError, ValueError) as err:
            raise PlainJudgeError(f"the kind head can't be read: {err}") from err
        lifted, bare = float(data.get("lifted", 1.0)), float(data.get("bare", 1.0))
        if not (0.0 < lifted <= 1.0 and plain <= bare <= 1.0):
            raise PlainJudgeError(f"the bars {lifted}, {bare} are not in (0, 1], [plain, 1]")
        try:
            lift = LiftHead.from_json(data["lift"]) if data.get("lift") is not None else None
        except (KeyError, TypeError, ValueError) as err:
            raise PlainJudgeError(f"the lift head can't be read: {err}") from err
        mean, scale, weights = arrays
        judge = cls(mean, scale, weights, bias, plain, records, sure, kinds, overrule)
        return dataclasses.replace(judge, lift=lift, lifted=lifted, bare=bare)


@functools.cache
def shipped() -> PlainJudge:
    """The judge shipped with livebuild (read and checked once a process)."""
    return PlainJudge.from_json(judge_file.read(WEIGHTS, PlainJudgeError))

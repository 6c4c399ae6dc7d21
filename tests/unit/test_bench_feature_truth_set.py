"""The hand-labelled wishes of `bench/own_feature_truth.toml`: no wish the app lacks is left
off the Planned list (a false "built" reads to the founder as done), judged as the guide
judges them."""

from __future__ import annotations

from bench.feature_truth_set import score


def test_no_hand_labelled_wish_the_app_lacks_is_called_built() -> None:
    scores = score()
    assert int(scores["cases"]) >= 50
    assert scores["false built"] == "0"
    planned, of = scores["planned right"].split("/")
    assert planned == of

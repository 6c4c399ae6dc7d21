"""When a running app's records are copied: soon after a burst of writes settles, at least
every `longest_s` while writes go on, and never more often than copying can afford."""

from __future__ import annotations

from livebuild.engine.carry_pace import SHARE, Pacer


def sig(n: int) -> tuple[tuple[str, int, int], ...]:
    return (("app.sqlite3", 4096 * n, n),)


def test_an_edit_is_copied_once_its_writes_settle() -> None:
    pacer = Pacer(settle_s=2.0, longest_s=30.0)
    # First seen (started or woken): the copy is checked once.
    assert pacer.due("a", sig(1), 0.0) is False
    assert pacer.due("a", sig(1), 2.0) is True
    pacer.copied("a", took=0.01, now=2.0)
    assert pacer.due("a", sig(1), 10.0) is False  # nothing changed: nothing copied
    # A founder's edit: a burst of writes, then quiet.
    assert pacer.due("a", sig(2), 11.0) is False
    assert pacer.due("a", sig(3), 11.5) is False
    assert pacer.due("a", sig(3), 12.9) is False
    assert pacer.due("a", sig(3), 13.5) is True  # 2 s after the last write
    pacer.copied("a", took=0.01, now=13.5)
    assert pacer.due("a", sig(3), 20.0) is False


def test_writes_that_never_stop_are_copied_every_longest_s() -> None:
    pacer = Pacer(settle_s=2.0, longest_s=30.0)
    pacer.due("a", sig(0), 0.0)
    pacer.copied("a", took=0.01, now=0.0)
    copies = []
    for tick in range(1, 121):  # a write every second for two minutes
        now = float(tick)
        if pacer.due("a", sig(tick), now):
            copies.append(now)
            pacer.copied("a", took=0.01, now=now)
    # 30 s after the first write the copy does not hold yet.
    assert copies == [31.0, 62.0, 93.0]


def test_a_costly_copy_is_not_repeated_sooner_than_its_share_allows() -> None:
    pacer = Pacer(settle_s=2.0, longest_s=30.0)
    pacer.due("a", sig(0), 0.0)
    pacer.copied("a", took=1.5, now=0.0)  # a large database: 1.5 s a copy
    pacer.due("a", sig(1), 1.0)
    gap = 1.5 / SHARE
    assert pacer.due("a", sig(1), 5.0) is False  # settled, but the last copy just ended
    assert pacer.due("a", sig(1), gap + 0.1) is True


def test_a_failed_copy_is_tried_again_and_stopped_apps_are_forgotten() -> None:
    pacer = Pacer(settle_s=2.0, longest_s=30.0)
    pacer.due("a", sig(0), 0.0)
    assert pacer.due("a", sig(0), 2.0) is True
    pacer.failed("a", took=0.0, now=2.0)
    assert pacer.due("a", sig(0), 3.0) is False
    assert pacer.due("a", sig(0), 30.0) is True  # still waiting for its copy
    pacer.running([])
    assert pacer.due("a", sig(0), 31.0) is False  # a new start: seen afresh

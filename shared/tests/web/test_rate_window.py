"""The per-process moving window behind RATE_LIMIT: exact counts, per key, and the wait it reports."""

from __future__ import annotations

from shared.web.input_policy import MovingWindow


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_key_gets_its_amount_per_window_then_the_wait_until_its_oldest_hit_leaves() -> None:
    clock = Clock()
    window = MovingWindow(3, 60, clock)
    admitted = []
    for _ in range(3):
        admitted.append(window.hit("a"))
        clock.now += 10
    assert admitted == [None, None, None]
    assert window.hit("a") == 30.0, "the first hit (t=0) leaves the window at t=60; now t=30"
    assert window.hit("b") is None, "another key has its own window"
    clock.now += 30
    assert window.hit("a") is None, "the first hit has left: one more is admitted"
    assert window.hit("a") is not None


def test_a_refused_hit_does_not_count() -> None:
    clock = Clock()
    window = MovingWindow(1, 10, clock)
    assert window.hit("a") is None
    for _ in range(5):
        clock.now += 1
        assert window.hit("a") is not None
    clock.now += 5
    assert window.hit("a") is None, "refused hits did not extend the window"


def test_idle_keys_are_swept_so_memory_follows_the_active_callers() -> None:
    clock = Clock()
    window = MovingWindow(5, 10, clock)
    for n in range(1000):
        window.hit(f"caller-{n}")
    clock.now += 25
    window.hit("late")
    assert set(window._hits) == {"late"}

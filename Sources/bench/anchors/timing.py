"""Timing shared by the anchor scripts: the best of N runs after a warm-up, as bench's
bestTime (Sources/bench/Timing.swift)."""
import time


def best(fn, reps):
    fn()
    t = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        t = min(t, time.perf_counter() - t0)
    return t

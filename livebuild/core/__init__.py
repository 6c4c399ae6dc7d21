"""Leaf modules every layer shares: stages, events, errors, time, ids, labels, ports."""

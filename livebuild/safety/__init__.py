"""Keeping founder-facing text safe and requests bounded."""

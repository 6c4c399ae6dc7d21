"""Identifiers: for stored records, and short debug ids a founder can quote to us."""

from __future__ import annotations

import secrets
import uuid


def new_id() -> str:
    return uuid.uuid4().hex


def new_debug_id() -> str:
    return secrets.token_hex(6)

"""The plan: deriving a structured brief from a founder's idea."""

"""Pure functions: no app start, no subprocess, no network, no database."""

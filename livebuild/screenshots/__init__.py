"""Live screenshots of the app being built."""

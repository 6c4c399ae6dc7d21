"""Real parts together: HTTP, databases, Chromium, subprocesses and sandboxes."""

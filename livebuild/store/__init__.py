"""Persistence: database, repository, event log and blob storage."""

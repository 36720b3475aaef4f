"""Ingest: turn a folder of privacy policies into a versioned, searchable Chroma index."""

"""Shared foundations: settings, errors, record types, the privacy lexicon, language and text utilities."""

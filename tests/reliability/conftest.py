"""Fixtures of the reliability suite (defined in rel_support.py, shared by every module here)."""

from rel_support import fake_llm, figures

__all__ = ["fake_llm", "figures"]

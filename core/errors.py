"""The exception tree of the privacy assistant; every error we raise derives from AssistantError.

    AssistantError
    ├── ConfigError          a setting is missing or has a value we do not accept
    ├── IngestError          a policy file or manifest cannot be used (path, line, reason)
    │   ├── ParseError       the text cannot be decoded or split into sections
    │   └── ChunkError       a section cannot be cut into passages
    ├── ModelUnavailable     an embedding model cannot be loaded offline
    ├── StoreError           Chroma cannot be reached, or the index is missing, corrupt or built differently
    ├── LLMError             the optional LLM endpoint failed or replied with something we reject
    ├── QuoteMismatch        a citation's quote is not a verbatim substring of the passage it cites
    ├── GoldSetError         an evaluation gold file has a bad item (path, line, reason)
    └── QuestionFileError    a `python -m assistant ask --questions` file has a bad line (path, line, reason)

Abstentions (policy silent, out of scope, unknown company) are not errors: they are typed Answers.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AssistantError",
    "ChunkError",
    "ConfigError",
    "GoldSetError",
    "IngestError",
    "LLMError",
    "ModelUnavailable",
    "ParseError",
    "QuestionFileError",
    "QuoteMismatch",
    "StoreError",
    "relative_path",
]


def relative_path(path: str | Path, root: Path | None = None) -> str:
    """Return `path` relative to `root` (default: the current directory) when it lies inside it."""
    path = Path(path)
    root = Path.cwd() if root is None else root
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


class AssistantError(Exception):
    """Root of every error the privacy assistant raises on purpose."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class ConfigError(AssistantError):
    """A setting is missing or invalid; the message names the setting, the value and what is accepted."""


class _InputError(AssistantError):
    """An error about one place in one input file, printed as `path:line: reason`."""

    def __init__(self, path: str | Path, line: int | None, reason: str, *, hint: str | None = None) -> None:
        self.path = relative_path(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}", hint=hint)


class IngestError(_InputError):
    """A policy file or its manifest cannot be ingested."""


class ParseError(IngestError):
    """A policy file cannot be decoded or split into sections."""


class ChunkError(IngestError):
    """A section cannot be cut into passages."""


class ModelUnavailable(AssistantError):
    """An embedding model cannot be loaded (not installed, no weights on disk, offline)."""


class StoreError(AssistantError):
    """The vector store cannot be reached, or the index in it is missing, corrupt or built by other embedders."""


class LLMError(AssistantError):
    """The LLM endpoint failed, timed out, or replied with citations or quotes that do not check out."""


class QuoteMismatch(AssistantError):
    """A citation's quote is not a verbatim substring of the passage text it cites (checked on every answer)."""


class GoldSetError(_InputError):
    """An item of an evaluation gold file is invalid."""


class QuestionFileError(_InputError):
    """A line of an `ask --questions` JSONL file is not a usable question item."""

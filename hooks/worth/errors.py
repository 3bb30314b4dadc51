"""The one error bad input raises, naming the file and line and what to do."""
from __future__ import annotations


class ArticleError(Exception):
    """Bad input: one clear line naming the file and line, saying what is wrong and what to do."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"

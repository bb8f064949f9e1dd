"""The one error the parser raises: the input is not a cable, and where it went wrong."""

from __future__ import annotations

#: Messages other code may rely on.
NOT_A_CABLE = "no classification line, date-time group or reference id: not a cable"


class CableParseError(ValueError):
    """Text that cannot be read as a cable.

    `line` is the 1-based line of the input where the problem was seen (None when it
    concerns the whole input); `source` names the file or row it came from.
    """

    def __init__(self, message: str, line: int | None = None, source: str | None = None):
        self.message = message
        self.line = line
        self.source = source
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line is not None else ""
        return f"{self.message}{where}"

    def as_dict(self) -> dict:
        """The error as the command prints it."""
        return {"source": self.source, "error": self.message, "line": self.line}

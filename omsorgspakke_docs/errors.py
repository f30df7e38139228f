"""Errors that carry a plain Norwegian explanation for the person who dropped the file."""


class InputError(Exception):
    """The input itself is bad: it goes to the failed folder with this message.

    The message must say what is wrong and what to do, and must never quote personal data.
    """

    def __init__(self, message: str, *, what_to_do: str | None = None):
        super().__init__(message)
        self.what_to_do = what_to_do or (
            "Kontroller eksporten i fagsystemet og legg den i innboksen på nytt, "
            "eller kontakt IT hvis feilen kommer igjen."
        )


class UsageError(Exception):
    """The command was called wrongly or points at something that is not there."""

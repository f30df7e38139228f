"""Norwegian wording shared by the messages staff read."""

from __future__ import annotations


def count(number: int, one: str, many: str) -> str:
    """"1 fil", "0 filer", "3 filer": the number with the noun in the form it takes."""
    return f"{number} {one if number == 1 else many}"

"""Template filters every template can use, registered like any plugin's."""

import re

from ..hookspecs import hookimpl
from ..planning.workdays import kort_dato, norsk_dato, norsk_dato_med_ukedag

NO_BREAK_SPACE = "\u00a0"
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[ \u00a0]+(?=\d)")


def telefon(value):
    """A phone number as a letter sets it: the spaces between its groups of digits made
    no-break spaces, so «55 00 12 00» never breaks over two lines («55 00 12» and «00»).
    Only where the text is laid out: the value in the context (and what a letter's
    fingerprint shows) stays as the journal gives it. Anything but text, and text without
    digits («[mangler: …]»), as it is."""
    if not isinstance(value, str):
        return value
    return _BETWEEN_DIGITS.sub(NO_BREAK_SPACE, value)


@hookimpl
def register_template_filters(register):
    register("norsk_dato", norsk_dato)
    register("norsk_dato_med_ukedag", norsk_dato_med_ukedag)
    register("kort_dato", kort_dato)
    register("telefon", telefon)

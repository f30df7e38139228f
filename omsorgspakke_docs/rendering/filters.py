"""Template filters every template can use, registered like any plugin's."""

from ..hookspecs import hookimpl
from ..planning.workdays import kort_dato, norsk_dato, norsk_dato_med_ukedag


@hookimpl
def register_template_filters(register):
    register("norsk_dato", norsk_dato)
    register("norsk_dato_med_ukedag", norsk_dato_med_ukedag)
    register("kort_dato", kort_dato)

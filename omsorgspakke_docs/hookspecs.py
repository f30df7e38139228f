"""Every hook a plugin can implement. Built-in adapters and document kinds use these too."""

import pluggy

hookspec = pluggy.HookspecMarker("omsorgspakke_docs")
hookimpl = pluggy.HookimplMarker("omsorgspakke_docs")


@hookspec
def register_adapters(register):
    """Call register(adapter) for each adapter: an object with name, claims(sample), read(path)."""


@hookspec(firstresult=True)
def detect_adapter(sample, adapters):
    """Return the adapter that reads this sample (an inbox.Sample), or None to let others try.

    adapters is the list of registered adapters, in registration order.
    """


@hookspec
def register_document_kinds(register):
    """Call register(kind) for each document kind: an object with name and documents(ctx)."""


@hookspec
def register_template_filters(register):
    """Call register(name, function) to make a Jinja filter available to every template."""


@hookspec
def register_commands(subparsers):
    """Add subcommands: subparsers.add_parser(...), with set_defaults(func=callable(args) -> int).
    """

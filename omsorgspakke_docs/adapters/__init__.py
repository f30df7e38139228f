"""Built-in adapters (readers of export formats), one plugin module each; mapping/ for files.

Each registers itself through register_adapters; an adapter is a hookspecs.Adapter: name,
description, claims(sample) -> bool and read(path) -> Iterable[Case] (docs/plugins.md).
"""

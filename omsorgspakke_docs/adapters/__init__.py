"""Built-in adapters. Each is a plugin module registering itself through register_adapters.

An adapter is any object with:
    name: str                       short, unique, shown to IT
    description: str                one line
    claims(sample) -> bool          recognise the format from detect.Sample, without parsing
    read(path) -> Iterable[Case]    the canonical cases in the file, streaming where it can
"""

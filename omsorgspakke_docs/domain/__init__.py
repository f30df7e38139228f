"""The case, the programme, merging and qualifying: the domain, with no I/O."""

"""Built-in subcommands. Each module registers itself through register_commands."""

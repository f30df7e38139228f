"""What the program remembers: state, processing ledger, atomic commit, retention, safe names."""

"""The mapping language: a vendor's CSV, Excel, XML or JSON report described in TOML."""

"""omsorgspakke-docs: journal exports in, Omsorgspakken documents out."""

__version__ = "0.1.0"

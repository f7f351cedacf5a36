"""The library version, in its own module so that provenance can import it without
importing the package's public API (no import cycle)."""

__version__ = "0.1.0"

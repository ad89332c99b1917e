"""One module per app whose export Legwork reads: recognises(columns) and parse(...)."""

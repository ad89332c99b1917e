"""One module per app whose export Legwork reads: recognises(columns) and parse(...); the list
of them is reading.CSV_FORMATS (and the JSON reader). columns.py reads a CSV row by column name."""

"""A CSV export's cells by column name, for the formats' parsers."""

from apps.portability.records import FileRejected


class Columns:
    """Cells of a row by column name, so a parser reads row["Reps"] whatever the order."""

    def __init__(self, names: list[str]) -> None:
        self.index = {name.lower(): position for position, name in enumerate(names)}
        self._positions: dict[str | None, int | None] = {None: None}

    def has(self, name: str) -> bool:
        return name.lower() in self.index

    def first_of(self, *names: str) -> str | None:
        return next((name for name in names if self.has(name)), None)

    def require(self, app: str, *names: str) -> None:
        missing = [name for name in names if not self.has(name)]
        if missing:
            listed = ", ".join(f"“{name}”" for name in missing)
            plural = "columns" if len(missing) > 1 else "column"
            raise FileRejected(
                f"This looks like a {app} export, but the {plural} {listed} "
                f"{'are' if len(missing) > 1 else 'is'} missing. Export again from {app} and "
                "upload the file unchanged."
            )

    def cell(self, row: list[str], name: str | None) -> str:
        # Called for every cell of every row: the position of a name is looked up once.
        try:
            position = self._positions[name]
        except KeyError:
            position = self._positions[name] = self.index.get(name.lower())
        if position is None or position >= len(row):
            return ""
        return row[position].strip()

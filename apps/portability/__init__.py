"""Moving a runner's data in and out: exports (CSV, JSON), imports (Legwork JSON, Strong, Hevy,
FitNotes) with a preview before commit, and deleting an account. See docs/data.md."""

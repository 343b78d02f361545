"""The plain-text journal: export to CSV and Markdown files, import them back, and import a study
schedule from a spreadsheet.

The format is the one in README.md ("The plain-text journal"). Export, import into an empty journal
and export again gives byte-identical files, so rows are written in a stable order and every value
has exactly one spelling (format.cell). Imports validate every value through tracker.parse and
write in one transaction: a bad row names its file and line and nothing is written.

format: the files, columns and spellings; cells: reading one value; readers: reading each file;
load: writing what was read; export: the files from the journal; schedule: the spreadsheet import.
"""

from tracker.plaintext.export import ExportResult, export_journal
from tracker.plaintext.format import FILE_COLUMNS, REQUIRED_COLUMNS, slugify, unique_slugs
from tracker.plaintext.load import ImportResult, import_journal
from tracker.plaintext.schedule import SCHEDULE_COLUMNS, ScheduleImport, import_schedule_csv

__all__ = [
    "ExportResult", "ImportResult", "ScheduleImport", "export_journal", "import_journal",
    "import_schedule_csv", "slugify", "unique_slugs", "FILE_COLUMNS", "REQUIRED_COLUMNS",
    "SCHEDULE_COLUMNS",
]

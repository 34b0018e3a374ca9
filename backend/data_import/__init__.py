"""Loading the MOLIT transaction CSVs and statute Markdown of the data folder into Postgres."""

from backend.data_import.base import DataFileError, ParsedFile
from backend.data_import.loader import FileResult, LoadReport, load_all, parse_file, tables_are_empty

__all__ = [
    "DataFileError",
    "FileResult",
    "LoadReport",
    "ParsedFile",
    "load_all",
    "parse_file",
    "tables_are_empty",
]

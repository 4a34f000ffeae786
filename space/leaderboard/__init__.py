"""The leaderboard: records + reported rows → ranked, escaped, filterable DataFrame; figures; exports; detail view.

Pure functions over plain data (no Gradio import here), so the UI layer only wires widgets to them::

    from space.leaderboard import build_table, filter_table, display_frame, load_reported
    board = build_table(records, load_reported(), "ovmerd-labels")
    shown = display_frame(filter_table(board, query="llama", sources=["submitted", "reported"]))
"""

from .columns import COLUMNS, OTHER_BENCHMARKS, POINTS, PRIMARY, Column, column_choices, datatypes, default_columns
from .detail import detail_markdown
from .export import export_frame, to_csv_text, to_json_text, write_export
from .figures import precision_recall_scatter, score_bars
from .reported import DEFAULT_PATH as REPORTED_PATH
from .reported import ReportedDataError, load_reported
from .table import (
                      DEFAULT_TRACK,
                      build_table,
                      ci_overlaps_leader,
                      display_frame,
                      entry_by_id,
                      filter_table,
                      other_benchmark_table,
                      select_columns,
)

__all__ = [
    "COLUMNS", "Column", "DEFAULT_TRACK", "OTHER_BENCHMARKS", "POINTS", "PRIMARY", "REPORTED_PATH",
    "ReportedDataError", "build_table", "ci_overlaps_leader", "column_choices", "datatypes", "default_columns",
    "detail_markdown", "display_frame", "entry_by_id", "export_frame", "filter_table", "load_reported",
    "other_benchmark_table", "precision_recall_scatter", "score_bars", "select_columns", "to_csv_text",
    "to_json_text", "write_export",
]

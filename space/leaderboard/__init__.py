"""The leaderboard: records + reported rows → ranked, escaped, filterable DataFrame; figures; exports; detail view.

Pure functions over plain data (no Gradio import here), so the UI layer only wires widgets to them. Import from the
module that does the work (nothing is re-exported here)::

    from space.leaderboard.reported import load_reported
    from space.leaderboard.table import build_table, display_frame, filter_table

    board = build_table(records, load_reported(), "ovmerd-labels")
    shown = display_frame(filter_table(board, query="llama", sources=["submitted", "reported"]))
"""

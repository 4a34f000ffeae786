"""Metric families: EW (official emotion-wheel P/R/F), hit rate, G2 LLM grouping, and non-official text metrics."""

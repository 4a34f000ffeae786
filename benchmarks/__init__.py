"""Benchmarks of EMER Hub; a package so tests can reuse a benchmark's measuring code instead of duplicating it."""

"""Benchmarks of rapport: run `python -m bench --help` from the repository root (see docs/benchmarks.md)."""

"""Benchmarks: per-stage latency with the model warm, cold start, and the thesis-style baseline."""

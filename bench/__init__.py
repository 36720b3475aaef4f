"""Benchmarks: latency, ingest throughput, scaling and the stock llama-index baseline."""

"""Evaluation: gold question sets, metrics, reports and the PolicyQA benchmark."""

"""The searchable index: embedders, the embedding cache, and versioned Chroma collections (write and read)."""

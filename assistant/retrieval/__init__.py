"""Retrieval as components: lexical and dense rankings, their fusion, language preference, over an index snapshot.

One job per module: `ranking` (the record a signal returns), `lexical` (BM25 per policy and language), `dense` (one
embedder with its query cache), `fusion` (weighted reciprocal-rank fusion), `preference` (the question's language),
`snapshot` (what is read from one index version) and `retriever` (the component that ties them together).
"""

from assistant.retrieval.dense import DenseRetriever
from assistant.retrieval.fusion import DEFAULT_WEIGHTS, fuse, fusion_weights
from assistant.retrieval.lexical import LexicalRetriever, build_lexical_indexes
from assistant.retrieval.preference import linked_chunk, prefer_language, with_alternates
from assistant.retrieval.ranking import BM25_SIGNAL, CATEGORY_SIGNAL, LINKED_SIGNAL, Ranking
from assistant.retrieval.retriever import Retriever
from assistant.retrieval.snapshot import IndexSnapshot

__all__ = [
    "BM25_SIGNAL",
    "CATEGORY_SIGNAL",
    "DEFAULT_WEIGHTS",
    "DenseRetriever",
    "IndexSnapshot",
    "LINKED_SIGNAL",
    "LexicalRetriever",
    "Ranking",
    "Retriever",
    "build_lexical_indexes",
    "fuse",
    "fusion_weights",
    "linked_chunk",
    "prefer_language",
    "with_alternates",
]

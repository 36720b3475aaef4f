"""Retrieval as components: lexical and dense rankings, their fusion, language preference, over an index snapshot.

One job per module: `ranking` (the record a signal returns), `lexical` (BM25 per policy and language), `dense` (one
embedder with its query cache), `fusion` (weighted reciprocal-rank fusion), `preference` (the question's language),
`snapshot` (what is read from one index version), `feature_index` and `features` (the ranker's features), `ranker`
(the learned ranker's model) and `retriever` (the component that ties them together).
"""

from assistant.retrieval.dense import DenseRetriever
from assistant.retrieval.features import FEATURE_GROUPS, PassageFeatures, feature_groups
from assistant.retrieval.fusion import DEFAULT_WEIGHTS, fuse, fusion_weights
from assistant.retrieval.lexical import LexicalRetriever, build_lexical_indexes
from assistant.retrieval.preference import linked_chunk, prefer_language, with_alternates
from assistant.retrieval.ranker import DEFAULT_RANKER_MODEL, RankerModel
from assistant.retrieval.ranking import BM25_SIGNAL, CATEGORY_SIGNAL, LINKED_SIGNAL, RANKER_SIGNAL, Ranking
from assistant.retrieval.retriever import Candidates, Retriever
from assistant.retrieval.snapshot import IndexSnapshot

__all__ = [
    "BM25_SIGNAL",
    "CATEGORY_SIGNAL",
    "Candidates",
    "DEFAULT_RANKER_MODEL",
    "DEFAULT_WEIGHTS",
    "DenseRetriever",
    "FEATURE_GROUPS",
    "IndexSnapshot",
    "LINKED_SIGNAL",
    "LexicalRetriever",
    "PassageFeatures",
    "RANKER_SIGNAL",
    "RankerModel",
    "Ranking",
    "Retriever",
    "build_lexical_indexes",
    "feature_groups",
    "fuse",
    "fusion_weights",
    "linked_chunk",
    "prefer_language",
    "with_alternates",
]

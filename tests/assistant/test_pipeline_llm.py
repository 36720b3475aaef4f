"""Specification of the pipeline with an LLM endpoint: a checked reply is used, a bad or missing one falls back."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator

import pytest
from loopback_llm import QuietHandler, completion, serve

from assistant.pipeline import AskPipeline
from assistant.quotes import verify_quotes
from assistant.types import Status

QUESTION = "How long does Pixeljet keep my data?"
_SOURCE = re.compile(r'<source n="(\d+)"[^>]*>\n(.*?)\n</source>', re.DOTALL)

Reply = Callable[[dict[int, str]], str]


def first_words(text: str, count: int = 8) -> str:
    """The first `count` words of the first line of `text` that hold no double quote: a verbatim quote."""
    line = next(line for line in text.splitlines() if line.strip() and '"' not in line)
    return " ".join(line.split()[:count])


@pytest.fixture
def endpoint() -> Iterator[tuple[str, list[Reply], list[dict]]]:
    """A real ThreadingHTTPServer on a loopback port; each reply is built from the sources the pipeline sent."""
    replies: list[Reply] = []
    requests: list[dict] = []

    class Handler(QuietHandler):
        def do_POST(self) -> None:
            body = self.read_json()
            requests.append(body)
            user = body["messages"][-1]["content"]
            sources = {int(n): text for n, text in _SOURCE.findall(user)}
            self.send_json(completion(replies[0](sources)))

    with serve(Handler) as base_url:
        yield base_url, replies, requests


def pipeline_for(hash_index, url: str) -> AskPipeline:
    pipeline = AskPipeline(settings=hash_index.replace(abstain_threshold=-1.0, llm_base_url=url, llm_model="tiny",
                                                       llm_timeout=5.0))
    pipeline.warm_up()
    return pipeline


@pytest.mark.server
def test_a_valid_llm_reply_is_used_with_verified_citations(hash_index, endpoint) -> None:
    url, replies, requests = endpoint
    replies.append(lambda sources: f'The policy says: "{first_words(sources[1])}" [1].')
    answer = pipeline_for(hash_index, url).run(question=QUESTION, company="pixeljet")
    assert len(requests) == 1
    assert (answer.status, answer.generator) == (Status.ANSWERED, "llm")
    assert [citation.n for citation in answer.citations] == [1]
    assert answer.citations[0].company == "pixeljet"
    assert answer.answer.endswith("[1].")
    verify_quotes(answer.citations)


@pytest.mark.server
@pytest.mark.parametrize("reply", [
    pytest.param(lambda sources: f'The policy says: "{first_words(sources[1])}" [9].', id="cites-source-9"),
    pytest.param(lambda sources: 'The policy says: "we keep everything for exactly forty two years" [1].',
                 id="quote-not-in-sources"),
])
def test_an_llm_reply_with_a_bad_citation_or_quote_falls_back_to_the_extractive_composer(
        hash_index, endpoint, reply: Reply) -> None:
    url, replies, requests = endpoint
    replies.append(reply)
    answer = pipeline_for(hash_index, url).run(question=QUESTION, company="pixeljet")
    assert len(requests) == 1
    assert (answer.status, answer.generator) == (Status.ANSWERED, "extractive")
    assert "forty two" not in answer.answer and "[9]" not in answer.answer
    assert answer.citations
    verify_quotes(answer.citations)


@pytest.mark.server
def test_an_endpoint_that_is_down_falls_back_to_the_extractive_composer(hash_index) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    answer = pipeline_for(hash_index, f"http://127.0.0.1:{port}").run(question=QUESTION, company="pixeljet")
    assert (answer.status, answer.generator) == (Status.ANSWERED, "extractive")
    verify_quotes(answer.citations)

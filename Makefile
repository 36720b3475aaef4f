# Two commands matter: `make run` (set up, ingest on first start, serve the app) and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export PA_EMBED_CACHE ?= $(CURDIR)/.cache/embed_cache.sqlite

.PHONY: install run ingest lint test test-fast eval-gate chromium bench clean

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) app.py

ingest: install
	$(PY) -m ingest

chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

lint: install
	$(PY) -m ruff check .
	$(PY) -m mypy

test: install chromium lint
	$(PY) -m pytest
	$(MAKE) eval-gate

test-fast: install lint
	$(PY) -m pytest -m "not slow and not browser and not server"

# Quality gates, a few points under the values measured on 2026-12-06 (session 8) over every gold file (gold.jsonl
# plus the cross-lingual concept items of issue 13), with the learned ranker and its question-passage match: dev
# hit@1 0.887, hit@3 0.934, mrr 0.908, facts 0.922, abstention F1 0.973, consistency 0.714, company coverage 1.0
# (dev is in-sample for the ranker and the match); test hit@1 0.696, hit@3 0.848, mrr 0.766, facts 0.792, abstention
# F1 0.800, consistency 0.486, company coverage 0.786 (the test items were not read). The test hit@1 gate was lowered
# (0.68 -> 0.67) to the fall measured with the match (0.712 -> 0.696), not raised. The targets of issues 12 and 14
# are not reached yet (docs/answers.md, docs/retrieval.md).
DEV_GATE := hit@1=0.85 hit@3=0.90 mrr=0.87 fact_recall=0.88 abstention_f1=0.94 language_accuracy=1.0 quote_verified=1.0 cross_lingual_consistency=0.66 company_coverage=0.9
TEST_GATE := hit@1=0.67 hit@3=0.81 mrr=0.73 fact_recall=0.76 abstention_f1=0.77 language_accuracy=0.98 quote_verified=1.0 cross_lingual_consistency=0.44 company_coverage=0.70

eval-gate: install
	$(PY) -m ingest --json > /dev/null
	$(PY) -m eval --split dev --out eval/out/dev $(addprefix --fail-under ,$(DEV_GATE))
	$(PY) -m eval --split test --out eval/out/test $(addprefix --fail-under ,$(TEST_GATE))

bench: install
	$(PY) -m bench all --quick

clean:
	rm -rf $(VENV) store data eval/out test-artifacts .cache

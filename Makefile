# Two commands matter: `make run` (set up, ingest on first start, serve the app) and `make test`.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export PA_EMBED_CACHE ?= $(CURDIR)/.cache/embed_cache.sqlite

.PHONY: install run ingest lint test test-fast eval-gate eval-shops eval-new-policies chromium bench clean

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

# The suite runs in two worker processes (pytest-xdist), one per core of the CI machine, each test file in one worker
# (a module's tests share its fixtures and may read what an earlier test of it did). The ingest first fills the
# embedding cache, so that the two workers do not both embed the corpus on a fresh clone.
test: install chromium lint
	$(PY) -m ingest --json > /dev/null
	$(PY) -m pytest -n 2 --dist loadfile
	$(MAKE) eval-gate

test-fast: install lint
	$(PY) -m pytest -m "not slow and not browser and not server"

# Quality gates at the values measured on 2026-12-07 (session 18), rounded down, with the listwise ranker retrained on
# the larger dev set. Dev is every dev item of every gold file: gold.jsonl, the concept items and the probe items
# (probes.jsonl), 1,933 items since probes 41 and 42 joined (1,734 before), in-sample for the ranker, the match and
# every calibration: hit@1 0.909, hit@3 0.953, mrr 0.930 (0.9296), facts 0.935, abstention F1 0.931 (0.9305, gated at
# 0.92 for a margin), consistency 0.771, company coverage 0.990 (gated at 0.98). Test (289 items, read once on the
# final code, used for no choice): hit@1 0.805, hit@3 0.918, mrr 0.855, facts 0.842, abstention F1 0.853, language
# 1.000, consistency 0.559, company coverage 0.857 (session 16 and 17: 0.802, 0.914, 0.851, 0.842, 0.853, 1.000,
# 0.529, 0.857). The targets of issues 12 and 14 are not all reached yet (docs/answers.md, docs/retrieval.md).
DEV_GATE := hit@1=0.90 hit@3=0.95 mrr=0.92 fact_recall=0.93 abstention_f1=0.92 language_accuracy=1.0 quote_verified=1.0 cross_lingual_consistency=0.77 company_coverage=0.98
TEST_GATE := hit@1=0.80 hit@3=0.91 mrr=0.85 fact_recall=0.84 abstention_f1=0.85 language_accuracy=1.0 quote_verified=1.0 cross_lingual_consistency=0.55 company_coverage=0.85

# The shop corpus and the policies new to the system have their own stores: the two run side by side, on two cores.
eval-gate: install
	$(MAKE) --no-print-directory -j2 --output-sync=line eval-shops eval-new-policies

eval-shops: install
	$(PY) -m ingest --json > /dev/null
	$(PY) -m eval --split dev --out eval/out/dev $(addprefix --fail-under ,$(DEV_GATE))
	$(PY) -m eval --split test --out eval/out/test $(addprefix --fail-under ,$(TEST_GATE))

# Policies new to the system (eval/new_policies, docs/answers.md): seven real policies of ../shared/extra_policies in a
# corpus and store of their own under .cache, asked the questions of eval/new_policies/gold.jsonl. Skipped, with a
# line saying so, when that folder is not next to the project. Gates at the values measured on 2026-12-07
# (session 18) on its 483 questions, rounded down, in-sample (they were used to find faults): hit@1 0.844, hit@3
# 0.931, facts 0.864, abstention F1 0.892 (session 17: 0.838, 0.934, 0.864, 0.897; session 16: 0.821, 0.916, 0.847,
# 0.875). docs/answers.md, session 18, says what moved them.
EXTRA_POLICIES ?= ../shared/extra_policies
NEW_POLICIES := .cache/new_policies
NEW_POLICIES_GATE := hit@1=0.84 hit@3=0.93 fact_recall=0.86 abstention_f1=0.89 language_accuracy=1.0 quote_verified=1.0

eval-new-policies: install
	@if [ ! -d "$(EXTRA_POLICIES)" ]; then echo "eval-new-policies skipped: $(EXTRA_POLICIES) not found"; else \
	$(PY) -m eval.new_policy_corpus --extra $(EXTRA_POLICIES) --out $(NEW_POLICIES)/corpus && \
	$(PY) -m ingest --corpus $(NEW_POLICIES)/corpus --store $(NEW_POLICIES)/store --json > /dev/null && \
	$(PY) -m eval --corpus $(NEW_POLICIES)/corpus --store $(NEW_POLICIES)/store --gold eval/new_policies/gold.jsonl \
		--split dev --out eval/out/new_policies $(addprefix --fail-under ,$(NEW_POLICIES_GATE)); fi

bench: install
	$(PY) -m bench all --quick

clean:
	rm -rf $(VENV) store data eval/out test-artifacts .cache

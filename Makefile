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

# Quality gates at the values measured on 2026-12-08 (session 19), rounded down, with the listwise ranker retrained on
# the larger dev set. Dev is every dev item of every gold file: gold.jsonl, the concept items and the probe items
# (probes.jsonl), 2,261 items since probes 43, 45, 46 and 47 joined (1,933 before), in-sample for the ranker, the
# match and every calibration: hit@1 0.915, hit@3 0.959, mrr 0.936, facts 0.942, abstention F1 0.938, consistency
# 0.743 (26 of 35 concepts; 27 with session 18's ranker), company coverage 0.991 (gated at 0.98). Test (289 items,
# read once on the final code, used for no choice): hit@1 0.809, hit@3 0.911 (0.9105), mrr 0.855 (0.8547), facts
# 0.846, abstention F1 0.866, language 1.000, consistency 0.529, company coverage 0.857 (session 18: 0.805, 0.918,
# 0.855, 0.842, 0.853, 1.000, 0.559, 0.857). The targets of issues 12 and 14 are not all reached yet
# (docs/answers.md, docs/retrieval.md).
DEV_GATE := hit@1=0.91 hit@3=0.95 mrr=0.93 fact_recall=0.94 abstention_f1=0.93 language_accuracy=1.0 quote_verified=1.0 cross_lingual_consistency=0.74 company_coverage=0.98
TEST_GATE := hit@1=0.80 hit@3=0.91 mrr=0.85 fact_recall=0.84 abstention_f1=0.86 language_accuracy=1.0 quote_verified=1.0 cross_lingual_consistency=0.52 company_coverage=0.85

# The shop corpus and the policies new to the system have their own stores: the two run side by side, on two cores.
eval-gate: install
	$(MAKE) --no-print-directory -j2 --output-sync=line eval-shops eval-new-policies

eval-shops: install
	$(PY) -m ingest --json > /dev/null
	$(PY) -m eval --split dev --out eval/out/dev $(addprefix --fail-under ,$(DEV_GATE))
	$(PY) -m eval --split test --out eval/out/test $(addprefix --fail-under ,$(TEST_GATE))

# Policies new to the system (eval/new_policies, docs/answers.md): seven real policies of ../shared/extra_policies in a
# corpus and store of their own under .cache, asked the questions of eval/new_policies/gold.jsonl. Skipped, with a
# line saying so, when that folder is not next to the project. Gates at the values measured on 2026-12-08
# (session 19) on its 483 questions, rounded down, in-sample (they were used to find faults): hit@1 0.853, hit@3
# 0.931, facts 0.860 (0.8598; session 19's ranker puts another passage of one cookie section first for two
# questions), abstention F1 0.892 (session 18: 0.844, 0.931, 0.864, 0.892; session 17: 0.838, 0.934, 0.864, 0.897).
# docs/answers.md, session 19, says what moved them.
EXTRA_POLICIES ?= ../shared/extra_policies
NEW_POLICIES := .cache/new_policies
NEW_POLICIES_GATE := hit@1=0.85 hit@3=0.93 fact_recall=0.85 abstention_f1=0.89 language_accuracy=1.0 quote_verified=1.0

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

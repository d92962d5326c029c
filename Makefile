# The front door. `make run` and `make test` are the two commands a newcomer needs.
SHELL := /bin/bash
PY313 := $(shell pyenv root 2>/dev/null)/versions/3.13.0/bin/python3.13
PYTHON ?= $(if $(wildcard $(PY313)),$(PY313),python3)
VENV := .venv
BIN := $(VENV)/bin
SAM_VENV := .venv-sam
SAM := $(SAM_VENV)/bin/sam
# sam build (no Docker) needs the runtime's exact python3.13 on PATH.
SAM_PATH := $(dir $(PYTHON)):$(PATH)
EVAL := ../shared/eval

export SAM_CLI_TELEMETRY := 0
export AWS_DEFAULT_REGION ?= us-east-1
export POWERTOOLS_METRICS_NAMESPACE ?= Articles

.PHONY: help install run test unit lint typecheck eval bench load audit fuzz hostile-report validate build sam-install clean

help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml shared/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/.installed ## create .venv with the project and its dev tools

$(SAM_VENV)/.installed:
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install -q --upgrade pip
	$(SAM_VENV)/bin/pip install -q 'aws-sam-cli>=1.150'
	touch $@

sam-install: $(SAM_VENV)/.installed ## aws-sam-cli in its own venv (it pins boto3 and pydantic)

run: install ## run the whole service locally on moto: S3 drop -> Lambda -> DynamoDB -> HTTP API
	$(BIN)/articles local

test: install lint typecheck sam-install ## lint, type-check and run every test
	$(BIN)/pytest

unit: install ## fast tests only (no servers, no sam build)
	$(BIN)/pytest -m 'not slow'

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check shared functions devstack tests tools

typecheck: install
	$(BIN)/mypy
	# the two handlers are both modules named "app": one mypy run each
	$(BIN)/mypy functions/ingest/app.py
	$(BIN)/mypy functions/api/app.py

eval: install ## score entity extraction on ../shared/eval/ner with score_ner.py
	$(BIN)/python tools/eval_ner.py --eval-dir $(EVAL)

bench: install ## benchmarks: per-article time, cold start, memory, package size
	$(BIN)/python tools/bench.py

load: install ## a burst of 2,000 uploads with duplicates and deletes through the local stack; checks the invariant
	$(BIN)/python tools/load.py

fuzz: install ## a longer structured fuzz session of the whole pipeline (CI runs 100 examples each)
	HOSTILE_FUZZ_EXAMPLES=4000 $(BIN)/pytest tests/unit/test_fuzz_regressions.py -k never_breaks

hostile-report: install ## time and peak memory of every hostile input case
	$(BIN)/python -m tests.hostile.measure

audit: install ## pip-audit on the layer's requirements (needs network); checkov too if CHECKOV= names it
	tools/audit.sh

validate: install sam-install ## sam validate --lint and cfn-lint with the serverless rules
	$(SAM) validate --lint --region $(AWS_DEFAULT_REGION)
	$(BIN)/cfn-lint -a cfn_lint_serverless.rules -- template.yaml

build: install sam-install ## sam build (no Docker), then trim and precompile the layer
	PATH="$(SAM_PATH)" $(SAM) build --cached
	$(BIN)/python tools/finish_layer.py .aws-sam/build --python $(PYTHON)

clean:
	rm -rf .aws-sam .pytest_cache .ruff_cache .mypy_cache .hypothesis

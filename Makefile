# ipcase developer entry points. Only Python 3.11+ and make are assumed on the machine:
# uv is bootstrapped into .tools/, the project environment lives in .venv/.
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON := $(PYTHON)

.DEFAULT_GOAL := help
.PHONY: help install run test lint fmt schemas bench fuzz clean tools-checkov kafka-certs

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: $(UV) uv.lock pyproject.toml shared/pyproject.toml $(wildcard services/*/pyproject.toml)
	$(UV) sync --frozen --all-packages --quiet
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the locked dependencies

# checkov (the Kubernetes manifests' scanner) pins packages the test tools cannot share, so it gets
# its own environment from its own lock (deploy/tools/checkov.txt, from `uv pip compile checkov.in`).
CHECKOV_ENV := $(TOOLS)/checkov
$(CHECKOV_ENV)/.installed: $(UV) deploy/tools/checkov.txt
	$(UV) venv --quiet --allow-existing $(CHECKOV_ENV)
	$(UV) pip install --quiet --python $(CHECKOV_ENV)/bin/python -r deploy/tools/checkov.txt
	@touch $@

tools-checkov: $(CHECKOV_ENV)/.installed ## Install the pinned checkov used by tests/deploy

kafka-certs: ## TLS certificate and SCRAM passwords for the production broker (openssl; deploy/kafka/secrets)
	sh deploy/kafka/make-certs.sh

run: install ## Run the whole system (embedded PostgreSQL + broker, five services); Ctrl-C stops it
	$(BIN)/ipcase dev

# Two pytest workers (pytest-xdist), whole files each, so module fixtures stay in one process. Every
# worker starts its own embedded PostgreSQL and broker (shared.testing.plugin), so they share nothing
# but the CPU. The tests marked `alone` start whole stacks of processes (fault injection, the fuzz
# gate, the KafkaJS partner): beside the other worker they starved its in-process services of the
# two cores, so they run afterwards, one at a time. An external broker (KAFKA_BOOTSTRAP_SERVERS) is
# one for both workers, and their consumer groups would take each other's records: then one process.
# TEST_WORKERS=0 forces one process (about 18 min in all here, near CI's 20-minute limit; two
# workers: 11 min 42 s). The tests that depended on the order files run in (events public to every
# port office, shared topics' backlogs, a port handed out twice) compare only their own now.
TEST_WORKERS ?= 2
test: install tools-checkov ## Run unit, integration and end-to-end tests against embedded PostgreSQL and broker
	@status=0; \
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile -m "not alone" $(PYTEST_ARGS) || status=$$?; \
	$(BIN)/pytest -m alone $(PYTEST_ARGS) || status=$$?; \
	exit $$status

lint: install ## ruff, mypy --strict and the layer contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy shared/src services/*/src
	@# Tests too, under the same strict settings; one run per tree (each has its own conftest).
	@for tree in shared/tests tests $(wildcard services/*/tests); do $(BIN)/mypy $$tree || exit 1; done
	$(BIN)/lint-imports

fmt: install ## Format and auto-fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

schemas: install ## Re-export the event contracts' JSON Schemas, the OpenAPI and the AsyncAPI documents
	$(BIN)/ipcase contracts export
	$(BIN)/ipcase contracts openapi
	$(BIN)/ipcase contracts asyncapi
	$(BIN)/ipcase kafka acls

bench: install ## Run the benchmarks against the embedded stack
	$(BIN)/python bench/intake_throughput.py --restart-broker
	$(BIN)/python bench/intake_registry_import.py
	$(BIN)/python bench/credit_bulk_check.py
	$(BIN)/python bench/idle_cost.py --layout dev
	$(BIN)/python bench/complaint_import.py --rows 20000
	$(BIN)/python bench/staff_reads.py --complaints 20000 --seconds 5
	$(BIN)/python bench/registration_cost.py --count 300
	$(BIN)/python bench/idle_cost.py --layout split
	$(BIN)/python bench/partner_feed.py
	$(BIN)/python bench/partner_projection.py
	$(BIN)/python bench/webhook_dispatch.py
	$(BIN)/python bench/replicas.py --seconds 6 --rounds 3 --kills 3

fuzz: install ## Fuzz every service's API (schemathesis, stateful) on the embedded stack: 0 5xx, 0 schema violations
	$(BIN)/python -m shared.testing.fuzzing --max-time $(or $(FUZZ_SECONDS),300)

clean: ## Remove the environment and the dev data directory
	rm -rf $(VENV) $(TOOLS) .data

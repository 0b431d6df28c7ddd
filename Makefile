# Two commands on a fresh machine: `make run` (set up, ingest the seeds, serve) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test test-fast bench system-deps clean

install: $(STAMP)

# torch first and pinned: 2.13.0 is the CPU wheel on these machines; letting a
# dependency choose would pull gigabytes of CUDA packages.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# Debian's Chromium drives the browser tests; Noto CJK renders Chinese in screenshots.
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

# The seeds' graph first (seconds); the server embeds their clauses in the background and
# the chat answers from BM25 and the graph until the dense index is complete.
run: install
	$(BIN)/policykg ingest --if-empty --defer-index
	$(BIN)/policykg serve

test: install system-deps
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow and not browser"

# Every scale with the default dense index; run it when `uptime` shows an idle machine.
bench: install
	$(BIN)/python -m bench.pdf_extractors
	$(BIN)/python -m bench.embedders
	$(BIN)/python -m bench.run --scales 1,10,100 --retrieval --first-run

clean:
	rm -rf $(VENV) data .pytest_cache

# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

OLD ?= corpus/smrj-fy2021-annual-plan.txt
NEW ?= corpus/smrj-fy2022-annual-plan.CONSTRUCTED.txt

.PHONY: install test lint typecheck demo bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q plandiff  # byte-compiled now, not on the first run
	touch $(STAMP)

install: $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check plandiff tests scripts
	$(BIN)/ruff format --check plandiff tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy plandiff

test: lint typecheck
	$(BIN)/pytest

# The main job on the corpus: exit 1 (differences found) is success here, 2 is trouble.
demo: $(STAMP)
	@if [ -f "$(NEW)" ]; then \
		$(BIN)/plandiff diff "$(OLD)" "$(NEW)"; rc=$$?; [ $$rc -le 1 ]; \
	else \
		$(BIN)/plandiff show "$(OLD)"; \
	fi

bench: $(STAMP)
	$(BIN)/python scripts/bench.py "$(OLD)" "$(NEW)"
	@if [ -f scripts/bench_pdf.py ]; then $(BIN)/python scripts/bench_pdf.py; fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

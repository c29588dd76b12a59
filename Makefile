# numoxide's commands. `make tour` and `make test` are the README's two commands.
PYTHON ?= $(shell tools/find-python)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: tour test develop rust-test py-test lint bench fmt clean

$(STAMP): pyproject.toml tools/find-python
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q "maturin>=1.5,<2" pytest hypothesis numpy ruff threadpoolctl
	touch $(STAMP)

# Build the extension (optimized) into the venv as an editable install.
develop: $(STAMP)
	$(VENV)/bin/maturin develop --release -q

tour: develop
	$(PY) examples/tour.py

rust-test:
	cargo test --release --workspace --exclude numoxide-py -q
	cargo run --release -q --example basics -p numoxide

py-test: develop
	$(PY) -m pytest tests -p no:cacheprovider

test: rust-test py-test

lint: $(STAMP)
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -q -- -D warnings
	$(VENV)/bin/ruff check python tests benchmarks examples

fmt: $(STAMP)
	cargo fmt --all
	$(VENV)/bin/ruff check --fix python tests benchmarks examples

bench: develop
	$(PY) benchmarks/run.py

clean:
	cargo clean
	rm -rf $(VENV)

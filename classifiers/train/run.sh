#!/usr/bin/env bash
# Rebuilds the prompt classifier from this directory and the classifiers crate (whose detectors
# label the corpus' findings): the venv, the corpus, the model, its card and the parity fixture.
# Every output is byte-identical from run to run. Needs cargo for the findings_jsonl example.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

python="${PYTHON:-}"
if [ -z "$python" ]; then
    if command -v python3.11 >/dev/null 2>&1; then python=python3.11; else python=python3; fi
fi
venv="$here/.venv"
stamp="$venv/.requirements.sha256"

# A venv whose interpreter no longer runs (the base Python changed) is rebuilt.
if [ -d "$venv" ] && ! "$venv/bin/python" -c '' 2>/dev/null; then
    rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
    echo "run.sh: creating $venv with $python" >&2
    "$python" -m venv "$venv"
fi
want="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "run.sh: installing requirements.txt" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r requirements.txt
    printf '%s\n' "$want" >"$stamp"
fi
py="$venv/bin/python"

# The machine is shared: one BLAS thread is plenty for these sizes and keeps results stable.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

echo "==> feature tests" >&2
"$py" -m pytest -q -p no:cacheprovider test_features.py test_pii.py
echo "==> corpus" >&2
"$py" generate.py
# The privacy decision combines the model with the Rust detectors: their findings on the corpus
# are needed to redact it and to measure the combined rule.
echo "==> detector findings, redacted corpus" >&2
findings() {
    (cd "$here/../.." && cargo run --quiet --release --example findings_jsonl -p classifiers) <"$1" >"$2"
}
findings corpus/privacy.jsonl corpus/privacy.findings.jsonl
findings corpus/difficulty.jsonl corpus/difficulty.findings.jsonl
"$py" redact.py --findings corpus/privacy.findings.jsonl
findings corpus/privacy_redacted.jsonl corpus/privacy_redacted.findings.jsonl
findings eval/holdout.jsonl eval/holdout.findings.jsonl
findings eval/holdout2.jsonl eval/holdout2.findings.jsonl
findings eval/holdout3.jsonl eval/holdout3.findings.jsonl
findings eval/holdout4.jsonl eval/holdout4.findings.jsonl
findings eval/holdout5.jsonl eval/holdout5.findings.jsonl
findings eval/holdout6.jsonl eval/holdout6.findings.jsonl
findings eval/holdout7.jsonl eval/holdout7.findings.jsonl
findings eval/holdout8.jsonl eval/holdout8.findings.jsonl
findings eval/holdout9.jsonl eval/holdout9.findings.jsonl
findings eval/holdout10.jsonl eval/holdout10.findings.jsonl
findings eval/holdout11.jsonl eval/holdout11.findings.jsonl
findings eval/holdout12.jsonl eval/holdout12.findings.jsonl
findings eval/holdout13.jsonl eval/holdout13.findings.jsonl
findings eval/holdout14.jsonl eval/holdout14.findings.jsonl
findings eval/holdout15.jsonl eval/holdout15.findings.jsonl
findings eval/holdout16.jsonl eval/holdout16.findings.jsonl
findings eval/holdout17.jsonl eval/holdout17.findings.jsonl
findings eval/holdout18.jsonl eval/holdout18.findings.jsonl
findings eval/holdout19.jsonl eval/holdout19.findings.jsonl
findings eval/holdout20.jsonl eval/holdout20.findings.jsonl
findings eval/holdout21.jsonl eval/holdout21.findings.jsonl
echo "==> training, export, model card" >&2
"$py" train.py
echo "==> parity fixture" >&2
"$py" make_parity_fixture.py

echo "==> outputs" >&2
sha256sum corpus/difficulty.jsonl corpus/difficulty.findings.jsonl corpus/privacy.jsonl corpus/privacy.findings.jsonl corpus/privacy_redacted.jsonl \
    corpus/privacy_redacted.findings.jsonl ../models/strata-classifier-v2.onnx \
    eval/holdout.findings.jsonl eval/holdout2.findings.jsonl eval/holdout3.findings.jsonl \
    eval/holdout4.findings.jsonl eval/holdout5.findings.jsonl eval/holdout6.findings.jsonl eval/holdout7.findings.jsonl eval/holdout8.findings.jsonl \
    eval/holdout9.findings.jsonl eval/holdout10.findings.jsonl eval/holdout11.findings.jsonl \
    eval/holdout12.findings.jsonl eval/holdout13.findings.jsonl eval/holdout14.findings.jsonl \
    eval/holdout15.findings.jsonl eval/holdout16.findings.jsonl eval/holdout17.findings.jsonl eval/holdout18.findings.jsonl eval/holdout19.findings.jsonl \
    eval/holdout20.findings.jsonl eval/holdout21.findings.jsonl \
    ../models/README.md \
    ../tests/fixtures/parity.jsonl

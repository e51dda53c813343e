#!/usr/bin/env bash
# Installs the Debian packages the edge engine's llama.cpp build needs (cmake, clang and
# libclang-dev for bindgen). Idempotent: when every package is already installed it changes
# nothing and touches no package index.
set -euo pipefail

packages=(cmake clang libclang-dev)

missing=()
for pkg in "${packages[@]}"; do
    # `dpkg -s` also knows removed-but-configured packages; only "install ok installed" counts.
    status="$(dpkg -s "$pkg" 2>/dev/null || true)"
    if ! grep -qx 'Status: install ok installed' <<<"$status"; then
        missing+=("$pkg")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "setup-system: ${packages[*]} already installed; nothing to do" >&2
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "setup-system: missing ${missing[*]} and not root and no sudo; install them as root" >&2
    exit 1
fi

echo "setup-system: missing ${missing[*]}" >&2
echo "setup-system: apt-get update" >&2
"${sudo[@]}" apt-get update -q
echo "setup-system: apt-get install -y --no-install-recommends ${missing[*]}" >&2
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "setup-system: done" >&2

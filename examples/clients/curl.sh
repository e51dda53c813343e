#!/usr/bin/env bash
# Talk to a running gateway with curl. GATEWAY defaults to the embedded defaults' address.
set -euo pipefail
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
MODEL=${MODEL:-strata/auto}

# Non-streaming; -i shows the x-strata-* headers that say which tier and provider answered.
curl -sS -i "$GATEWAY/v1/chat/completions" \
  -H 'content-type: application/json' \
  -d "{\"model\":\"$MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello in French.\"}]}"
echo

# Streaming, with usage in the last chunk.
curl -sS -N "$GATEWAY/v1/chat/completions" \
  -H 'content-type: application/json' \
  -d "{\"model\":\"$MODEL\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Count to five.\"}]}"

# The models and aliases the gateway serves.
curl -sS "$GATEWAY/v1/models"

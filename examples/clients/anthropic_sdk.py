"""Use the official Anthropic SDK against Strata's /v1/messages: only base_url changes."""

import os

import anthropic

client = anthropic.Anthropic(base_url=os.environ.get("GATEWAY", "http://127.0.0.1:8080"), api_key="unused")

message = client.messages.create(
    model="strata/auto",
    max_tokens=256,
    messages=[{"role": "user", "content": "Name three rivers in Europe."}],
)
print(message.content[0].text)

with client.messages.stream(
    model="strata/auto",
    max_tokens=256,
    messages=[{"role": "user", "content": "Count to five."}],
) as stream:
    for text in stream.text_stream:
        print(text, end="", flush=True)
print()

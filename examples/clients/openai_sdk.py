"""Use the official OpenAI SDK against Strata: only base_url changes."""

import os

from openai import OpenAI

client = OpenAI(base_url=os.environ.get("GATEWAY", "http://127.0.0.1:8080") + "/v1", api_key="unused")

raw = client.chat.completions.with_raw_response.create(
    model="strata/auto",
    messages=[{"role": "user", "content": "Give me one word for 'fast'."}],
)
reply = raw.parse()
print(reply.choices[0].message.content)
print("answered by", raw.headers.get("x-strata-tier"), raw.headers.get("x-strata-provider"))

stream = client.chat.completions.create(
    model="strata/auto",
    messages=[{"role": "user", "content": "Count to five."}],
    stream=True,
)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
print()

"""The official OpenAI SDK against the gateway's /v1/chat/completions and /v1/models."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2
import openai
import pytest

from conftest import MODEL, PROVIDER
from mock_upstream import CUT_TRIGGER, TOOL_CALL_ID, MockUpstream

USER = {"role": "user", "content": "hello from the openai sdk"}
EXPECTED = "echo: hello from the openai sdk"

WEATHER_TOOL: dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}


def test_chat_completion(openai_client: openai.OpenAI, mock_upstream: MockUpstream) -> None:
    r = openai_client.chat.completions.create(model=MODEL, messages=[USER])
    assert r.object == "chat.completion"
    assert r.model == MODEL
    assert len(r.choices) == 1
    choice = r.choices[0]
    assert choice.message.role == "assistant"
    assert choice.message.content == EXPECTED
    assert choice.finish_reason == "stop"
    assert r.usage is not None
    assert r.usage.prompt_tokens > 0
    assert r.usage.completion_tokens == len(EXPECTED.split())
    assert r.usage.total_tokens == r.usage.prompt_tokens + r.usage.completion_tokens

    forwarded = mock_upstream.last()
    assert forwarded.path == "/v1/chat/completions"
    assert forwarded.body["model"] == MODEL
    assert forwarded.body["messages"] == [USER]
    assert "stream" not in forwarded.body


def test_auto_alias_routes_to_the_tier(openai_client: openai.OpenAI, mock_upstream: MockUpstream) -> None:
    raw = openai_client.chat.completions.with_raw_response.create(model="strata/auto", messages=[USER])
    assert raw.parse().choices[0].message.content == EXPECTED
    assert raw.headers["x-strata-tier"] == "cloud"
    assert raw.headers["x-strata-model"] == MODEL
    # The upstream is asked for its own model name, never the alias.
    assert mock_upstream.last().body["model"] == MODEL


def test_the_decision_shows_in_headers(openai_client: openai.OpenAI) -> None:
    raw = openai_client.chat.completions.with_raw_response.create(model="strata/auto", messages=[USER])
    assert raw.headers["x-strata-rule"] == "easy-to-edge"
    assert raw.headers["x-strata-difficulty"].startswith("edge; p_community=")
    assert raw.headers["x-strata-privacy"].startswith("public; score=")


def test_a_private_prompt_never_reaches_the_cloud(openai_client: openai.OpenAI, mock_upstream: MockUpstream) -> None:
    # This gateway has only a cloud tier, whose ceiling is `redacted`: nothing may see the card.
    before = len(mock_upstream.requests())
    card = {"role": "user", "content": "Charge my card 4968 8719 3932 5243 for the renewal."}
    with pytest.raises(openai.APIStatusError) as caught:
        openai_client.chat.completions.create(model="strata/auto", messages=[card])
    assert caught.value.status_code == 503
    assert caught.value.response.headers["x-strata-rule"] == "private-stays-on-edge"
    body = caught.value.response.json()
    assert body["error"]["code"] == "no_allowed_tier"
    assert "credit_card" in body["error"]["message"]
    assert "4968" not in body["error"]["message"]
    # Naming the cloud model does not get around it.
    with pytest.raises(openai.APIStatusError):
        openai_client.chat.completions.create(model=MODEL, messages=[card], stream=True)
    assert len(mock_upstream.requests()) == before


def test_served_headers(openai_client: openai.OpenAI, mock_upstream: MockUpstream) -> None:
    raw = openai_client.chat.completions.with_raw_response.create(
        model=MODEL,
        messages=[USER],
        extra_headers={"x-request-id": "e2e-openai-req-1"},
    )
    assert raw.status_code == 200
    assert raw.headers["x-strata-provider"] == PROVIDER
    assert raw.headers["x-strata-tier"] == "cloud"
    assert raw.headers["x-strata-model"] == MODEL
    assert raw.headers["x-strata-attempts"] == "1"
    assert raw.headers["x-request-id"] == "e2e-openai-req-1"
    assert mock_upstream.last().headers.get("x-request-id") == "e2e-openai-req-1"
    assert raw.parse().choices[0].message.content == EXPECTED


def test_request_id_is_generated_when_absent(openai_client: openai.OpenAI) -> None:
    a = openai_client.chat.completions.with_raw_response.create(model=MODEL, messages=[USER])
    b = openai_client.chat.completions.with_raw_response.create(model=MODEL, messages=[USER])
    assert a.headers.get("x-request-id")
    assert b.headers.get("x-request-id")
    assert a.headers["x-request-id"] != b.headers["x-request-id"]


def collect_stream(client: openai.OpenAI, **kwargs: Any) -> list[Any]:
    stream = client.chat.completions.create(model=MODEL, messages=[USER], stream=True, **kwargs)
    with stream:
        return list(stream)


def test_streaming_text_matches_non_streaming(openai_client: openai.OpenAI) -> None:
    whole = openai_client.chat.completions.create(model=MODEL, messages=[USER]).choices[0].message.content

    chunks = collect_stream(openai_client)
    pieces = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert "".join(pieces) == whole == EXPECTED
    assert len(pieces) > 1, "the answer should arrive in several chunks"
    assert all(c.object == "chat.completion.chunk" for c in chunks)
    assert chunks[0].choices[0].delta.role == "assistant"
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert finishes == ["stop"]
    assert all(c.usage is None for c in chunks), "usage was not asked for"


def test_streaming_with_usage(openai_client: openai.OpenAI) -> None:
    chunks = collect_stream(openai_client, stream_options={"include_usage": True})
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == EXPECTED

    last = chunks[-1]
    assert last.choices == []
    assert last.usage is not None
    assert last.usage.completion_tokens == len(EXPECTED.split())
    assert last.usage.prompt_tokens > 0
    assert last.usage.total_tokens == last.usage.prompt_tokens + last.usage.completion_tokens
    assert all(c.usage is None for c in chunks[:-1])


def test_streaming_raw_sse_ends_with_done(gateway_url: str) -> None:
    body = {"model": MODEL, "messages": [USER], "stream": True}
    with httpx2.stream("POST", f"{gateway_url}/v1/chat/completions", json=body, timeout=10) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        assert r.headers["x-strata-provider"] == PROVIDER
        data = [line[len("data: ") :] for line in r.iter_lines() if line.startswith("data: ")]
    assert data[-1] == "[DONE]"
    assert data.count("[DONE]") == 1
    for payload in data[:-1]:
        assert "error" not in json.loads(payload)


def test_cut_upstream_stream_raises(openai_client: openai.OpenAI) -> None:
    stream = openai_client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": CUT_TRIGGER}], stream=True
    )
    received = ""
    # A stream that ends without [DONE] must not look complete to the client.
    with pytest.raises(openai.APIError) as info:
        with stream:
            for chunk in stream:
                if chunk.choices:
                    received += chunk.choices[0].delta.content or ""
    assert not isinstance(info.value, openai.APIStatusError)
    assert received == "echo: cut "
    assert info.value.code == "upstream_error"


def test_tool_call_round_trip(openai_client: openai.OpenAI, mock_upstream: MockUpstream) -> None:
    question = {"role": "user", "content": "What's the weather in Paris?"}
    first = openai_client.chat.completions.create(model=MODEL, messages=[question], tools=[WEATHER_TOOL])
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    calls = choice.message.tool_calls
    assert calls is not None and len(calls) == 1
    call = calls[0]
    assert call.type == "function"
    assert call.id == TOOL_CALL_ID
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Paris"}
    assert mock_upstream.last().body["tools"] == [WEATHER_TOOL]

    followup_messages: list[Any] = [
        question,
        choice.message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": "18°C and sunny"},
    ]
    second = openai_client.chat.completions.create(model=MODEL, messages=followup_messages, tools=[WEATHER_TOOL])
    assert second.choices[0].finish_reason == "stop"
    assert second.choices[0].message.content == "the tool said: 18°C and sunny"

    forwarded = mock_upstream.last().body["messages"]
    assert forwarded[1]["role"] == "assistant"
    assert forwarded[1]["tool_calls"] == [
        {
            "id": TOOL_CALL_ID,
            "type": "function",
            "function": {"name": "get_weather", "arguments": call.function.arguments},
        }
    ]
    assert forwarded[2] == {"role": "tool", "tool_call_id": TOOL_CALL_ID, "content": "18°C and sunny"}


def test_streaming_tool_call(openai_client: openai.OpenAI) -> None:
    stream = openai_client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Weather in Paris, please."}],
        tools=[WEATHER_TOOL],
        stream=True,
    )
    names: list[str] = []
    ids: list[str] = []
    arguments = ""
    finish = None
    with stream:
        for chunk in stream:
            if not chunk.choices:
                continue
            choice = chunk.choices[0]
            for call in choice.delta.tool_calls or []:
                assert call.index == 0
                if call.id:
                    ids.append(call.id)
                if call.function and call.function.name:
                    names.append(call.function.name)
                if call.function and call.function.arguments:
                    arguments += call.function.arguments
            finish = choice.finish_reason or finish
    assert ids == [TOOL_CALL_ID]
    assert names == ["get_weather"]
    assert json.loads(arguments) == {"city": "Paris"}
    assert finish == "tool_calls"


def test_unknown_fields_pass_through(openai_client: openai.OpenAI, mock_upstream: MockUpstream) -> None:
    vendor = {"nested": [1, 2.5, None, True, "ünïcødé ✓"], "empty": {}, "tiny": 1e-7}
    r = openai_client.chat.completions.create(
        model=MODEL,
        messages=[USER],
        seed=1234,
        response_format={"type": "json_object"},
        logprobs=True,
        top_logprobs=2,
        temperature=0.25,
        max_completion_tokens=64,
        stop=["\n\n", "END"],
        user="e2e-user",
        extra_body={"x_vendor_option": vendor, "top_k": 40},
    )
    assert r.choices[0].message.content == EXPECTED

    body = mock_upstream.last().body
    assert body["seed"] == 1234
    assert body["response_format"] == {"type": "json_object"}
    assert body["logprobs"] is True
    assert body["top_logprobs"] == 2
    assert body["temperature"] == 0.25
    assert body["max_completion_tokens"] == 64
    assert body["stop"] == ["\n\n", "END"]
    assert body["user"] == "e2e-user"
    assert body["x_vendor_option"] == vendor
    assert body["top_k"] == 40


def test_unknown_message_and_part_fields_pass_through(
    openai_client: openai.OpenAI, mock_upstream: MockUpstream
) -> None:
    messages: list[Any] = [
        {"role": "developer", "content": "be brief", "name": "ops"},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "hello "},
                {"type": "text", "text": "in parts", "cache_control": {"type": "ephemeral"}},
                {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}},
            ],
            "x_message_tag": 7,
        },
    ]
    r = openai_client.chat.completions.create(model=MODEL, messages=messages)
    assert r.choices[0].message.content == "echo: hello in parts"
    assert mock_upstream.last().body["messages"] == messages


def test_models_list(openai_client: openai.OpenAI) -> None:
    models = {m.id: m for m in openai_client.models.list()}
    assert "strata/auto" in models
    assert MODEL in models
    assert models[MODEL].owned_by == PROVIDER
    assert all(m.object == "model" for m in models.values())


def test_unknown_model(openai_client: openai.OpenAI, mock_upstream: MockUpstream) -> None:
    with pytest.raises(openai.NotFoundError) as info:
        openai_client.chat.completions.create(model="no-such-model", messages=[USER])
    e = info.value
    assert e.status_code == 404
    assert e.code == "model_not_found"
    assert e.param == "model"
    assert e.type == "invalid_request_error"
    assert "no-such-model" in e.message
    assert mock_upstream.requests() == []


def test_unknown_model_when_streaming(openai_client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as info:
        openai_client.chat.completions.create(model="no-such-model", messages=[USER], stream=True)
    assert info.value.code == "model_not_found"


def test_invalid_role(openai_client: openai.OpenAI, mock_upstream: MockUpstream) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        openai_client.chat.completions.create(
            model=MODEL,
            messages=[USER],
            # The SDK's types would refuse the role; extra_body replaces the field on the wire.
            extra_body={"messages": [{"role": "wizard", "content": "abracadabra"}]},
        )
    e = info.value
    assert e.status_code == 400
    assert e.type == "invalid_request_error"
    assert e.param == "messages[0].role"
    assert mock_upstream.requests() == []


def test_empty_messages(openai_client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        openai_client.chat.completions.create(model=MODEL, messages=[])
    assert info.value.param == "messages"


def test_malformed_json(openai_client: openai.OpenAI, mock_upstream: MockUpstream) -> None:
    with pytest.raises(openai.BadRequestError) as info:
        openai_client.post(
            "/chat/completions",
            content=b'{"model": "mock-model", "messages": [',
            cast_to=object,
            options={"headers": {"Content-Type": "application/json"}},
        )
    assert info.value.code == "invalid_json"
    assert info.value.type == "invalid_request_error"
    assert mock_upstream.requests() == []


def test_error_body_shape(gateway_url: str) -> None:
    r = httpx2.post(
        f"{gateway_url}/v1/chat/completions",
        content=b"not json at all",
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"message", "type", "param", "code"}
    assert body["error"]["code"] == "invalid_json"


def test_upstream_rejection_is_relayed(openai_client: openai.OpenAI, mock_upstream: MockUpstream) -> None:
    with pytest.raises(openai.UnprocessableEntityError) as info:
        openai_client.chat.completions.create(model=MODEL, messages=[USER], extra_body={"mock_status": 422})
    e = info.value
    assert e.status_code == 422
    assert e.code == "upstream_rejected"
    assert "the mock was asked to fail with 422" in e.message
    # A client error is the client's to fix: it is not retried.
    assert len(mock_upstream.requests()) == 1


def test_concurrent_requests_get_their_own_answers(openai_client: openai.OpenAI) -> None:
    def ask(i: int) -> str | None:
        r = openai_client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": f"request {i}"}])
        return r.choices[0].message.content

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(ask, range(16)))
    assert answers == [f"echo: request {i}" for i in range(16)]

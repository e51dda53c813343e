"""The official Anthropic SDK against the gateway's /v1/messages, served by an OpenAI-compatible
upstream through the gateway's translation."""

from __future__ import annotations

import json
from typing import Any

import anthropic
import httpx2
import pytest

from conftest import MODEL, PROVIDER
from mock_upstream import CUT_TRIGGER, TOOL_CALL_ID, MockUpstream

PROMPT = "hello from the anthropic sdk"
EXPECTED = f"echo: {PROMPT}"
USER = {"role": "user", "content": PROMPT}

WEATHER_TOOL: dict[str, Any] = {
    "name": "get_weather",
    "description": "Current weather for a city.",
    "input_schema": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}


def test_messages_create(anthropic_client: anthropic.Anthropic, mock_upstream: MockUpstream) -> None:
    m = anthropic_client.messages.create(model=MODEL, max_tokens=128, messages=[USER], system="be brief")
    assert m.type == "message"
    assert m.role == "assistant"
    assert m.model == MODEL
    assert m.id.startswith("msg_")
    assert [b.type for b in m.content] == ["text"]
    assert m.content[0].text == EXPECTED
    assert m.stop_reason == "end_turn"
    assert m.usage.input_tokens > 0
    assert m.usage.output_tokens == len(EXPECTED.split())

    forwarded = mock_upstream.last().body
    assert forwarded["model"] == MODEL
    assert forwarded["max_tokens"] == 128
    assert forwarded["messages"] == [
        {"role": "system", "content": "be brief"},
        {"role": "user", "content": PROMPT},
    ]


def test_request_fields_are_translated(anthropic_client: anthropic.Anthropic, mock_upstream: MockUpstream) -> None:
    m = anthropic_client.messages.create(
        model=MODEL,
        max_tokens=100,
        system=[
            {"type": "text", "text": "rule one"},
            {"type": "text", "text": "rule two", "cache_control": {"type": "ephemeral"}},
        ],
        messages=[
            {"role": "user", "content": "first question"},
            {"role": "assistant", "content": "first answer"},
            {"role": "user", "content": [{"type": "text", "text": "second question"}]},
        ],
        stop_sequences=["STOP"],
        metadata={"user_id": "e2e-user"},
        thinking={"type": "disabled"},
        # Sampling fields that current SDKs no longer offer as arguments but older clients send.
        extra_body={"temperature": 0.5, "top_p": 0.9, "top_k": 7},
    )
    assert m.content[0].text == "echo: second question"

    body = mock_upstream.last().body
    assert body["messages"] == [
        {"role": "system", "content": "rule one\n\nrule two"},
        {"role": "user", "content": "first question"},
        {"role": "assistant", "content": "first answer"},
        {"role": "user", "content": "second question"},
    ]
    assert body["max_tokens"] == 100
    assert body["stop"] == ["STOP"]
    assert body["temperature"] == 0.5
    assert body["top_p"] == 0.9
    assert body["top_k"] == 7
    assert body["user"] == "e2e-user"
    assert "thinking" not in body
    assert "metadata" not in body


def test_auto_alias(anthropic_client: anthropic.Anthropic, mock_upstream: MockUpstream) -> None:
    m = anthropic_client.messages.create(model="strata/auto", max_tokens=64, messages=[USER])
    # The response names the model the client asked for; the upstream got the real one.
    assert m.model == "strata/auto"
    assert m.content[0].text == EXPECTED
    assert mock_upstream.last().body["model"] == MODEL


def test_served_headers(anthropic_client: anthropic.Anthropic) -> None:
    raw = anthropic_client.messages.with_raw_response.create(
        model=MODEL,
        max_tokens=64,
        messages=[USER],
        extra_headers={"x-request-id": "e2e-anthropic-req-1"},
    )
    assert raw.status_code == 200
    assert raw.headers["x-strata-provider"] == PROVIDER
    assert raw.headers["x-strata-tier"] == "cloud"
    assert raw.headers["x-strata-model"] == MODEL
    assert raw.headers["x-strata-attempts"] == "1"
    assert raw.headers["x-request-id"] == "e2e-anthropic-req-1"
    assert raw.parse().content[0].text == EXPECTED


def test_messages_stream(anthropic_client: anthropic.Anthropic) -> None:
    whole = anthropic_client.messages.create(model=MODEL, max_tokens=128, messages=[USER])

    with anthropic_client.messages.stream(model=MODEL, max_tokens=128, messages=[USER]) as stream:
        pieces = list(stream.text_stream)
        final = stream.get_final_message()
    assert "".join(pieces) == whole.content[0].text == EXPECTED
    assert len(pieces) > 1, "the answer should arrive in several deltas"
    assert final.content[0].type == "text"
    assert final.content[0].text == EXPECTED
    assert final.stop_reason == "end_turn"
    assert final.model == MODEL
    assert final.usage.output_tokens == whole.usage.output_tokens
    assert final.usage.input_tokens == whole.usage.input_tokens


def test_stream_event_sequence(anthropic_client: anthropic.Anthropic) -> None:
    stream = anthropic_client.messages.create(model=MODEL, max_tokens=128, messages=[USER], stream=True)
    with stream:
        events = [e.type for e in stream]
    assert events[0] == "message_start"
    assert events[1] == "content_block_start"
    deltas = events[2:-3]
    assert deltas and set(deltas) == {"content_block_delta"}
    assert events[-3:] == ["content_block_stop", "message_delta", "message_stop"]


def test_stream_raw_sse_has_event_names(gateway_url: str) -> None:
    body = {"model": MODEL, "max_tokens": 64, "messages": [USER], "stream": True}
    with httpx2.stream("POST", f"{gateway_url}/v1/messages", json=body, timeout=10) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        assert r.headers["x-strata-provider"] == PROVIDER
        lines = [line for line in r.iter_lines() if line]
    names = [line[len("event: ") :] for line in lines if line.startswith("event: ")]
    datas = [json.loads(line[len("data: ") :]) for line in lines if line.startswith("data: ")]
    assert len(names) == len(datas)
    # Each event's name matches the `type` inside its data.
    assert names == [d["type"] for d in datas]
    assert names[-1] == "message_stop"


def test_cut_upstream_stream_raises(anthropic_client: anthropic.Anthropic) -> None:
    pieces: list[str] = []
    # The gateway ends a failed stream with an `error` event and no `message_stop`.
    with pytest.raises(anthropic.APIStatusError) as info:
        with anthropic_client.messages.stream(
            model=MODEL, max_tokens=64, messages=[{"role": "user", "content": CUT_TRIGGER}]
        ) as stream:
            pieces.extend(stream.text_stream)
    assert "".join(pieces) == "echo: cut "
    body = info.value.body
    assert isinstance(body, dict)
    assert body["type"] == "error"
    assert body["error"]["type"] == "api_error"


def test_tool_use_round_trip(anthropic_client: anthropic.Anthropic, mock_upstream: MockUpstream) -> None:
    question = {"role": "user", "content": "What's the weather in Paris?"}
    first = anthropic_client.messages.create(model=MODEL, max_tokens=128, messages=[question], tools=[WEATHER_TOOL])
    assert first.stop_reason == "tool_use"
    uses = [b for b in first.content if b.type == "tool_use"]
    assert len(uses) == 1
    use = uses[0]
    assert use.name == "get_weather"
    assert use.input == {"city": "Paris"}
    assert use.id == TOOL_CALL_ID

    tools = mock_upstream.last().body["tools"]
    assert tools == [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Current weather for a city.",
                "parameters": WEATHER_TOOL["input_schema"],
            },
        }
    ]

    second = anthropic_client.messages.create(
        model=MODEL,
        max_tokens=128,
        tools=[WEATHER_TOOL],
        messages=[
            question,
            {"role": "assistant", "content": first.content},
            {
                "role": "user",
                "content": [{"type": "tool_result", "tool_use_id": use.id, "content": "18°C and sunny"}],
            },
        ],
    )
    assert second.stop_reason == "end_turn"
    assert [b.type for b in second.content] == ["text"]
    assert second.content[0].text == "the tool said: 18°C and sunny"

    forwarded = mock_upstream.last().body["messages"]
    assert [m["role"] for m in forwarded] == ["user", "assistant", "tool"]
    assert forwarded[1]["tool_calls"][0]["id"] == TOOL_CALL_ID
    assert forwarded[1]["tool_calls"][0]["function"]["name"] == "get_weather"
    assert json.loads(forwarded[1]["tool_calls"][0]["function"]["arguments"]) == {"city": "Paris"}
    assert forwarded[2]["tool_call_id"] == TOOL_CALL_ID
    assert forwarded[2]["content"] == "18°C and sunny"


def test_tool_choice_and_block_tool_results(
    anthropic_client: anthropic.Anthropic, mock_upstream: MockUpstream
) -> None:
    m = anthropic_client.messages.create(
        model=MODEL,
        max_tokens=64,
        tools=[WEATHER_TOOL],
        tool_choice={"type": "tool", "name": "get_weather", "disable_parallel_tool_use": True},
        messages=[
            {"role": "user", "content": "Weather?"},
            {
                "role": "assistant",
                "content": [
                    {"type": "text", "text": "Let me check."},
                    {"type": "tool_use", "id": "toolu_e2e", "name": "get_weather", "input": {"city": "Paris"}},
                ],
            },
            {
                "role": "user",
                "content": [
                    {
                        "type": "tool_result",
                        "tool_use_id": "toolu_e2e",
                        "is_error": True,
                        "content": [{"type": "text", "text": "service down"}, {"type": "text", "text": "try later"}],
                    }
                ],
            },
        ],
    )
    assert m.content[0].text == "the tool said: service down\ntry later"

    body = mock_upstream.last().body
    assert body["tool_choice"] == {"type": "function", "function": {"name": "get_weather"}}
    assert body["parallel_tool_calls"] is False
    assistant, tool = body["messages"][1], body["messages"][2]
    assert assistant["content"] == "Let me check."
    assert assistant["tool_calls"][0]["id"] == "toolu_e2e"
    assert json.loads(assistant["tool_calls"][0]["function"]["arguments"]) == {"city": "Paris"}
    assert tool == {"role": "tool", "tool_call_id": "toolu_e2e", "content": "service down\ntry later"}


def test_streaming_tool_use(anthropic_client: anthropic.Anthropic) -> None:
    with anthropic_client.messages.stream(
        model=MODEL,
        max_tokens=128,
        messages=[{"role": "user", "content": "Weather in Paris, please."}],
        tools=[WEATHER_TOOL],
    ) as stream:
        final = stream.get_final_message()
    assert final.stop_reason == "tool_use"
    uses = [b for b in final.content if b.type == "tool_use"]
    assert len(uses) == 1
    assert uses[0].name == "get_weather"
    assert uses[0].input == {"city": "Paris"}
    assert uses[0].id == TOOL_CALL_ID


def test_unknown_model(anthropic_client: anthropic.Anthropic, mock_upstream: MockUpstream) -> None:
    with pytest.raises(anthropic.NotFoundError) as info:
        anthropic_client.messages.create(model="no-such-model", max_tokens=16, messages=[USER])
    e = info.value
    assert e.status_code == 404
    assert isinstance(e.body, dict)
    assert e.body["type"] == "error"
    assert e.body["error"]["type"] == "not_found_error"
    assert "no-such-model" in e.body["error"]["message"]
    assert mock_upstream.requests() == []


def test_unknown_model_when_streaming(anthropic_client: anthropic.Anthropic) -> None:
    with pytest.raises(anthropic.NotFoundError):
        with anthropic_client.messages.stream(model="no-such-model", max_tokens=16, messages=[USER]) as stream:
            stream.get_final_message()


def test_invalid_request(anthropic_client: anthropic.Anthropic, mock_upstream: MockUpstream) -> None:
    with pytest.raises(anthropic.BadRequestError) as info:
        anthropic_client.messages.create(
            model=MODEL,
            max_tokens=16,
            # A tool_use block belongs in an assistant turn, never a user's.
            messages=[
                {
                    "role": "user",
                    "content": [{"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {}}],
                }
            ],
        )
    e = info.value
    assert e.status_code == 400
    assert isinstance(e.body, dict)
    assert e.body["type"] == "error"
    assert e.body["error"]["type"] == "invalid_request_error"
    assert mock_upstream.requests() == []

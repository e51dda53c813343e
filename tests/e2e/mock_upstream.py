"""A deterministic OpenAI-compatible upstream for the end-to-end tests.

It answers `POST /v1/chat/completions` (JSON or SSE) from the request alone, so a test knows the
exact answer before it asks, and records every request it receives so a test can check what the
gateway forwarded.

Behaviour, by the last message of the request:
- `role: tool`: a text answer quoting the tool's result (`the tool said: <content>`);
- `role: user` and the request has `tools`: a `get_weather` call with `{"city": "Paris"}`;
- anything else: `echo: <last user text>`.

A request whose body has `"mock_status": N` (N >= 400) gets an OpenAI-style error with that status,
so the tests can see how the gateway relays an upstream's rejection. A streamed answer to
`CUT_TRIGGER` stops after its first two content chunks without `[DONE]`, as a dropped upstream
connection would.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOOL_NAME = "get_weather"
TOOL_ARGUMENTS = '{"city": "Paris"}'
TOOL_CALL_ID = "call_mock_weather_1"
COMPLETION_ID = "chatcmpl-mock-1"
CUT_TRIGGER = "cut the stream short"
CUT_AFTER_CONTENT_CHUNKS = 2
CREATED = 1_700_000_000


@dataclass(frozen=True)
class Recorded:
    """One request as the mock received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any


def message_text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


def last_user_text(messages: list[dict[str, Any]]) -> str:
    for m in reversed(messages):
        if m.get("role") == "user":
            return message_text(m)
    return ""


def count_tokens(text: str) -> int:
    """Whitespace-separated words: deterministic, and good enough to check that usage travels."""
    return len(text.split())


def plan_answer(body: dict[str, Any]) -> dict[str, Any]:
    """What the mock will say to `body`: either `{"text": ...}` or `{"tool_call": ...}`."""
    messages = body.get("messages") or []
    last = messages[-1] if messages else {}
    if last.get("role") == "tool":
        return {"text": f"the tool said: {message_text(last)}"}
    if body.get("tools") and last.get("role") == "user":
        return {"tool_call": {"id": TOOL_CALL_ID, "name": TOOL_NAME, "arguments": TOOL_ARGUMENTS}}
    return {"text": f"echo: {last_user_text(messages)}"}


def usage_for(body: dict[str, Any], answer: dict[str, Any]) -> dict[str, int]:
    prompt = sum(count_tokens(message_text(m)) for m in body.get("messages") or []) + 1
    if "text" in answer:
        completion = count_tokens(answer["text"])
    else:
        completion = count_tokens(answer["tool_call"]["arguments"])
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }


def completion(body: dict[str, Any]) -> dict[str, Any]:
    answer = plan_answer(body)
    if "text" in answer:
        message: dict[str, Any] = {"role": "assistant", "content": answer["text"]}
        finish = "stop"
    else:
        call = answer["tool_call"]
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": call["id"],
                    "type": "function",
                    "function": {"name": call["name"], "arguments": call["arguments"]},
                }
            ],
        }
        finish = "tool_calls"
    return {
        "id": COMPLETION_ID,
        "object": "chat.completion",
        "created": CREATED,
        "model": body.get("model", ""),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": usage_for(body, answer),
        "system_fingerprint": "fp_mock",
    }


def split_text(text: str) -> list[str]:
    """Pieces that concatenate back to `text`, one word (with its trailing space) each."""
    pieces: list[str] = []
    for word in text.split(" "):
        pieces.append(word + " ")
    pieces[-1] = pieces[-1][:-1]
    return [p for p in pieces if p]


def stream_chunks(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The chunks of a streamed answer, in OpenAI's order: role, content or tool-call deltas,
    finish reason, and a usage-only chunk when the request asked for usage."""
    answer = plan_answer(body)
    model = body.get("model", "")

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {
            "id": COMPLETION_ID,
            "object": "chat.completion.chunk",
            "created": CREATED,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
        }

    chunks = [chunk({"role": "assistant", "content": ""})]
    if "text" in answer:
        chunks += [chunk({"content": piece}) for piece in split_text(answer["text"])]
        finish = "stop"
    else:
        call = answer["tool_call"]
        chunks.append(
            chunk(
                {
                    "tool_calls": [
                        {
                            "index": 0,
                            "id": call["id"],
                            "type": "function",
                            "function": {"name": call["name"], "arguments": ""},
                        }
                    ]
                }
            )
        )
        args = call["arguments"]
        # Several fragments, split mid-token, as real upstreams send them.
        for start in range(0, len(args), 5):
            chunks.append(
                chunk({"tool_calls": [{"index": 0, "function": {"arguments": args[start : start + 5]}}]})
            )
        finish = "tool_calls"
    chunks.append(chunk({}, finish))
    if (body.get("stream_options") or {}).get("include_usage"):
        chunks.append(
            {
                "id": COMPLETION_ID,
                "object": "chat.completion.chunk",
                "created": CREATED,
                "model": model,
                "choices": [],
                "usage": usage_for(body, answer),
            }
        )
    return chunks


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.1 so the gateway's connection pool can keep connections open between requests.
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def _record(self, body: Any) -> None:
        self.server.mock._record(
            Recorded(
                method=self.command,
                path=self.path,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=body,
            )
        )

    def _send_json(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, code: str = "invalid_request") -> None:
        self._send_json(
            status,
            {"error": {"message": message, "type": "invalid_request_error", "param": None, "code": code}},
        )

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._record(None)
        self._error(404, f"no route for {self.path}", "not_found")

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        self._record(body if body is not None else raw)

        if self.path.split("?", 1)[0] != "/v1/chat/completions":
            self._error(404, f"no route for {self.path}", "not_found")
            return
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            self._error(400, "the mock expects a JSON object with `messages`")
            return
        status = body.get("mock_status")
        if isinstance(status, int) and status >= 400:
            self._error(status, f"the mock was asked to fail with {status}", "mock_rejected")
            return
        if body.get("stream"):
            self._stream(body)
        else:
            self._send_json(200, completion(body))

    def _stream(self, body: dict[str, Any]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        events = [f"data: {json.dumps(c)}\n\n".encode() for c in stream_chunks(body)]
        events.append(b"data: [DONE]\n\n")
        if last_user_text(body["messages"]) == CUT_TRIGGER:
            # The role chunk, then the first content chunks; the body then ends cleanly at the
            # HTTP level, so only the missing `[DONE]` tells the gateway the answer is incomplete.
            events = events[: 1 + CUT_AFTER_CONTENT_CHUNKS]
        for event in events:
            # One HTTP chunk per event, flushed at once, so the gateway sees a real stream.
            self.wfile.write(f"{len(event):x}\r\n".encode() + event + b"\r\n")
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    mock: "MockUpstream"


class MockUpstream:
    """The mock, serving on 127.0.0.1 on a free port from a background thread."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.mock = self
        self._lock = threading.Lock()
        self._requests: list[Recorded] = []
        self._thread = threading.Thread(target=self._server.serve_forever, name="mock-upstream", daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "MockUpstream":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _record(self, r: Recorded) -> None:
        with self._lock:
            self._requests.append(r)

    def requests(self) -> list[Recorded]:
        with self._lock:
            return list(self._requests)

    def last(self) -> Recorded:
        reqs = self.requests()
        assert reqs, "the mock upstream received no request"
        return reqs[-1]

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()


if __name__ == "__main__":
    # Standalone, for poking at the gateway by hand: prints the port and serves until Ctrl-C.
    mock = MockUpstream()
    print(f"mock upstream on {mock.url}/v1", flush=True)
    try:
        mock._server.serve_forever()
    except KeyboardInterrupt:
        pass

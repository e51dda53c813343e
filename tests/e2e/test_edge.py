"""The edge tier with nothing configured: `strata serve` on its embedded defaults answers from the
bundled on-device model with no key and no network, and `strata node` serves the same engine so
another gateway can use this machine as a community node."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import anthropic
import openai
import pytest

from conftest import Gateway, gateway_env, stop, strata_bin, wait_until_healthy, wait_until_listening

KEY_VARS = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY")


def launch(args: list[str], directory: Path, name: str) -> Gateway:
    env = {k: v for k, v in gateway_env().items() if k not in KEY_VARS}
    log = directory / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(strata_bin()), *args], stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env
        )
    gw = Gateway(url="", process=process, log=log)
    try:
        gw.url = f"http://{wait_until_listening(process, log)}"
        wait_until_healthy(gw.url, process, log)
    except BaseException:
        if process.poll() is None:
            process.kill()
            process.wait()
        raise
    return gw


@pytest.fixture(scope="module")
def defaults(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    gw = launch(["serve", "--listen", "127.0.0.1:0"], tmp_path_factory.mktemp("defaults"), "serve")
    yield gw
    stop(gw)


@pytest.fixture(scope="module")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    gw = launch(["node", "--listen", "127.0.0.1:0", "--slots", "1"], tmp_path_factory.mktemp("node"), "node")
    yield gw
    stop(gw)


def test_embedded_defaults_answer_from_the_edge_with_no_key(defaults: Gateway) -> None:
    client = openai.OpenAI(base_url=f"{defaults.url}/v1", api_key="unused", max_retries=0, timeout=60.0)
    raw = client.chat.completions.with_raw_response.create(
        model="strata/auto",
        messages=[{"role": "user", "content": "What is the capital of France?"}],
        max_tokens=16,
        temperature=0,
    )
    reply = raw.parse()
    assert raw.headers["x-strata-tier"] == "edge"
    assert raw.headers["x-strata-provider"] == "edge"
    assert reply.choices[0].message.content.strip()
    assert reply.choices[0].finish_reason in ("stop", "length")
    assert reply.usage.prompt_tokens > 0 and 0 < reply.usage.completion_tokens <= 16

    streamed = "".join(
        c.choices[0].delta.content or ""
        for c in client.chat.completions.create(
            model="strata/edge",
            messages=[{"role": "user", "content": "What is the capital of France?"}],
            max_tokens=16,
            temperature=0,
            stream=True,
        )
        if c.choices
    )
    assert streamed == reply.choices[0].message.content, "greedy: streaming and not give the same text"

    ids = {m.id for m in client.models.list()}
    assert {"strata/auto", "strata/edge", "smollm2-135m-instruct"} <= ids
    client.close()


def test_anthropic_sdk_reaches_the_edge(defaults: Gateway) -> None:
    client = anthropic.Anthropic(base_url=defaults.url, api_key="unused", max_retries=0, timeout=60.0)
    message = client.messages.create(
        model="strata/auto", max_tokens=12, messages=[{"role": "user", "content": "Say hello."}]
    )
    assert message.content[0].text.strip()
    assert message.stop_reason in ("end_turn", "max_tokens")
    client.close()


def test_a_node_serves_the_engine_to_another_gateway(node: Gateway, tmp_path: Path) -> None:
    direct = openai.OpenAI(base_url=f"{node.url}/v1", api_key="unused", max_retries=0, timeout=60.0)
    ids = {m.id for m in direct.models.list()}
    assert "smollm2-135m-instruct" in ids

    config = tmp_path / "pool.toml"
    config.write_text(
        f"""\
[routing]
default_tier = "community"
[providers.node]
kind = "openai"
base_url = "{node.url}/v1"
[[models]]
name = "pool-model"
provider = "node"
model = "smollm2-135m-instruct"
tier = "community"
"""
    )
    pool = launch(["serve", "--config", str(config), "--listen", "127.0.0.1:0"], tmp_path, "pool")
    try:
        client = openai.OpenAI(base_url=f"{pool.url}/v1", api_key="unused", max_retries=0, timeout=60.0)
        raw = client.chat.completions.with_raw_response.create(
            model="strata/auto", messages=[{"role": "user", "content": "Hi"}], max_tokens=8, temperature=0
        )
        assert raw.headers["x-strata-tier"] == "community"
        assert raw.parse().choices[0].message.content.strip()
        client.close()
    finally:
        stop(pool)
    direct.close()

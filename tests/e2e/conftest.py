"""Session fixtures: a mock upstream, the real `strata` binary in front of it, and the official
OpenAI and Anthropic SDK clients pointed at the gateway with nothing changed but `base_url`."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import anthropic
import httpx2
import openai
import pytest

# The helpers import each other by module name under any of pytest's import modes.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from mock_upstream import MockUpstream  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
MODEL = "mock-model"
PROVIDER = "mock"

STARTUP_TIMEOUT_S = 15.0
SHUTDOWN_TIMEOUT_S = 10.0
LISTENING = re.compile(r"listening on http://(\S+)")
PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")

# Everything here talks to 127.0.0.1; a proxy configured on the machine must not intercept it.
for var in ("NO_PROXY", "no_proxy"):
    os.environ[var] = ",".join(filter(None, [os.environ.get(var), "127.0.0.1", "localhost"]))


@dataclass
class Gateway:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        try:
            return self.log.read_text(errors="replace")
        except OSError:
            return ""


def strata_bin() -> Path:
    path = Path(os.environ.get("STRATA_BIN") or REPO / "target" / "debug" / "strata")
    if not path.is_file() or not os.access(path, os.X_OK):
        pytest.exit(
            f"the gateway binary {path} is missing: build it with cargo build -p strata-gateway "
            "(or point STRATA_BIN at one)",
            returncode=2,
        )
    return path


def write_config(directory: Path, upstream: str) -> Path:
    config = directory / "strata.toml"
    config.write_text(
        f"""\
[server]
listen = "127.0.0.1:0"
request_timeout_secs = 30
shutdown_grace_secs = 5

[routing]
default_tier = "cloud"

[providers.{PROVIDER}]
kind = "openai"
base_url = "{upstream}/v1"

[providers.{PROVIDER}.timeouts]
connect_ms = 2000
first_byte_ms = 10000
idle_ms = 10000
total_ms = 20000

[[models]]
name = "{MODEL}"
provider = "{PROVIDER}"
tier = "cloud"

[tiers.cloud]
models = ["{MODEL}"]
"""
    )
    return config


def gateway_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARS and not k.startswith("STRATA_")}
    env.update({"NO_COLOR": "1", "RUST_LOG": "info", "STRATA_LOG_FORMAT": "text"})
    return env


def wait_until_listening(process: subprocess.Popen[bytes], log: Path) -> str:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        match = LISTENING.search(text)
        if match:
            return match.group(1)
        if process.poll() is not None:
            pytest.fail(f"strata exited with {process.returncode} before listening:\n{text}")
        time.sleep(0.02)
    process.kill()
    pytest.fail(f"strata did not log `listening on` within {STARTUP_TIMEOUT_S}s:\n{log.read_text(errors='replace')}")


def wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            r = httpx2.get(f"{url}/healthz", timeout=1.0)
            if r.status_code == 200:
                return
            last = f"{r.status_code} {r.text}"
        except httpx2.HTTPError as e:
            last = repr(e)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    pytest.fail(f"GET /healthz did not answer 200 ({last}):\n{log.read_text(errors='replace')}")


def stop(gateway: Gateway) -> None:
    process = gateway.process
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=SHUTDOWN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            pytest.fail(f"strata did not exit within {SHUTDOWN_TIMEOUT_S}s of SIGTERM:\n{gateway.log_text()}")
    if process.returncode != 0:
        pytest.fail(f"strata exited with {process.returncode} after SIGTERM:\n{gateway.log_text()}")


@pytest.fixture(scope="session")
def mock_upstream() -> Iterator[MockUpstream]:
    mock = MockUpstream().start()
    yield mock
    mock.stop()


@pytest.fixture(scope="session")
def gateway(mock_upstream: MockUpstream, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    binary = strata_bin()
    directory = tmp_path_factory.mktemp("strata")
    config = write_config(directory, mock_upstream.url)
    log = directory / "strata.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [str(binary), "serve", "--config", str(config), "--listen", "127.0.0.1:0"],
            stdin=subprocess.DEVNULL,
            stdout=stderr,
            stderr=stderr,
            env=gateway_env(),
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
    yield gw
    stop(gw)


@pytest.fixture(scope="session")
def gateway_url(gateway: Gateway) -> str:
    return gateway.url


@pytest.fixture(scope="session")
def openai_client(gateway_url: str) -> Iterator[openai.OpenAI]:
    client = openai.OpenAI(base_url=f"{gateway_url}/v1", api_key="unused", max_retries=0, timeout=20.0)
    yield client
    client.close()


@pytest.fixture(scope="session")
def anthropic_client(gateway_url: str) -> Iterator[anthropic.Anthropic]:
    client = anthropic.Anthropic(base_url=gateway_url, api_key="unused", max_retries=0, timeout=20.0)
    yield client
    client.close()


@pytest.fixture(autouse=True)
def fresh_recording(mock_upstream: MockUpstream) -> None:
    """Each test sees only the upstream requests it caused."""
    mock_upstream.clear()

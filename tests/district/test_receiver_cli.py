"""``kiosk-receiver``: refuses an unusable tokens file in one line, and serves when started."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from receiver_harness import DISTRICT_TOKEN, wait_until

from district.cli import main
from sync import __version__


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[kiosks]\nk-1 = "short"\n', "kiosks.k-1"),
        ('[kiosks]\nk-1 = "same-token-0123456789abcdef"\n'
         '[district]\nr = "same-token-0123456789abcdef"\n', "the same token is given twice"),
        ("[kiosks\n", "not valid TOML"),
        ('[printers]\np = "x"\n', "printers"),
    ],
)  # fmt: skip
def test_unusable_tokens_file(tmp_path: Path, text: str, message: str) -> None:
    tokens = tmp_path / "tokens.toml"
    tokens.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--tokens", str(tokens), "--database", "sqlite://"])
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_command_serves_the_api(tmp_path: Path, tokens_file: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = Path(sys.executable).with_name("kiosk-receiver")
    args = ["--database", f"sqlite:///{tmp_path / 'r.db'}", "--port", str(port)]
    args += ["--tokens", str(tokens_file), "--log-level", "warning"]
    url = f"http://127.0.0.1:{port}"

    def listening() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    with subprocess.Popen([str(command), *args]) as proc:
        try:
            wait_until(listening, timeout=20)
            headers = {"Authorization": f"Bearer {DISTRICT_TOKEN}"}
            with requests.get(f"{url}/v1/kiosks", headers=headers, timeout=10) as r:
                assert r.status_code == 200
                assert [k["kiosk_id"] for k in r.json()] == ["lincoln-1", "roosevelt-2"]
            with requests.get(f"{url}/openapi.json", timeout=10) as r:
                assert r.status_code == 200
                assert r.json()["info"]["version"] == __version__
                assert "/v1/cards" in r.json()["paths"]
            with requests.get(f"{url}/docs", timeout=10) as r:
                assert r.status_code == 200 and "swagger" in r.text.lower()
        finally:
            proc.terminate()
            proc.wait(10)
    assert (tmp_path / "r.db").exists()

"""The speech engines: real espeak-ng voices, and the worker that cancels what is being said."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import pytest
from stand_in_voice import StandInVoice

from kiosk.core.speech import (
    BUNDLED_ESPEAK,
    EngineFailed,
    EspeakEngine,
    SapiEngine,
    SpeechEngine,
    Utterance,
    install_hint,
    join_sentences,
    system_engine,
    wav_is_silent,
)

linux = pytest.mark.skipif(sys.platform != "linux", reason="espeak-ng is the Linux engine")


def espeak() -> EspeakEngine:
    engine = system_engine()
    assert isinstance(engine, EspeakEngine), "install espeak-ng (scripts/dev.sh setup does)"
    return engine


def heard(fifo: Path) -> str:
    """What the stand-in voice was given, once it has it: reading the named pipe waits for the
    child to write it (no polling, no sleep)."""
    return fifo.read_text()


@linux
@pytest.mark.parametrize(
    ("language", "voice", "text"),
    [("en", "en-us", "How was your visit today?"), ("es", "es-419", "¿Cómo fue su visita hoy?")],
)
def test_espeak_renders_each_language_as_sound(
    tmp_path: Path, language: str, voice: str, text: str
) -> None:
    engine = espeak()
    assert engine.voice(language) == voice
    wav = tmp_path / f"{language}.wav"
    engine.render(text, language, wav)
    with wave.open(str(wav), "rb") as f:
        assert f.getnframes() > f.getframerate() // 2  # at least half a second of speech
    assert not wav_is_silent(wav)
    assert engine.missing_voices(["en", "es"]) == {}


@linux
def test_a_language_without_a_voice_says_what_to_install() -> None:
    missing = espeak().missing_voices(["en", "xx"])
    assert list(missing) == ["xx"] and "install" in missing["xx"]


@linux
@pytest.mark.parametrize("key", [",", "¿", "."])
def test_a_punctuation_key_is_said_not_silent(tmp_path: Path, key: str) -> None:
    wav = tmp_path / "key.wav"
    espeak().render(join_sentences([key]), "es", wav)
    assert not wav_is_silent(wav)


def test_a_silent_wav_is_told_apart(tmp_path: Path) -> None:
    wav = tmp_path / "silence.wav"
    with wave.open(str(wav), "wb") as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(22050)
        f.writeframes(b"\0\0" * 22050)
    assert wav_is_silent(wav)


class ScriptEngine(SpeechEngine):
    """The real worker with a stand-in voice: a Python child that writes down its text (to a
    file or a named pipe named by its first word), then talks until stopped unless the text
    says to finish at once."""

    speaks = True

    def __init__(self, out: Path) -> None:
        super().__init__()
        self.out = out

    def command(self, utterance: Utterance) -> tuple[list[str], bytes]:
        script = (
            "import sys, threading, pathlib; t = sys.stdin.read(); "
            f"pathlib.Path({str(self.out)!r}, t.split()[0]).write_text(t); "
            "'quick' in t or threading.Event().wait()"
        )
        return [sys.executable, "-c", script], utterance.text.encode()


def test_a_new_utterance_cancels_the_one_being_spoken(tmp_path: Path) -> None:
    for name in ("first", "second"):
        os.mkfifo(tmp_path / name)
    engine = ScriptEngine(tmp_path)
    engine.say("first long sentence", "en")
    assert heard(tmp_path / "first") == "first long sentence"
    first = engine._process
    assert first is not None
    started = time.monotonic()
    engine.say("second long sentence", "es")  # returns at once: the worker does the rest
    assert time.monotonic() - started < 1
    assert heard(tmp_path / "second") == "second long sentence"
    assert first.returncode is not None and first.returncode != 0  # ended, not finished
    engine.close()
    assert engine._thread is not None and not engine._thread.is_alive()
    assert list(engine.transcript) == [
        Utterance("first long sentence", "en"),
        Utterance("second long sentence", "es"),
    ]


def test_queued_utterances_follow_each_other(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "two")
    engine = ScriptEngine(tmp_path)
    engine.say("one quick", "en")
    engine.say("two quick", "en", interrupt=False)
    assert heard(tmp_path / "two") == "two quick"
    assert (tmp_path / "one").read_text() == "one quick"
    engine.close()


def test_the_silent_engine_only_listens() -> None:
    engine = SpeechEngine()
    engine.say("  Hello \n there ", "en")
    engine.say("   ", "en")
    assert list(engine.transcript) == [Utterance("Hello there", "en")]
    assert engine._thread is None
    engine.close()


def test_sentences_are_joined_with_a_pause_each() -> None:
    assert join_sentences(["Thank you!", "Step 1 of 4", "", "Done."]) == (
        "Thank you! Step 1 of 4. Done."
    )


def test_windows_voice_is_chosen_by_the_language_on_screen() -> None:
    # Untested on Windows itself: this checks only what the kiosk would run there.
    argv, stdin = SapiEngine("powershell.exe").command(Utterance("¿Cómo fue?", "es"))
    assert argv[:2] == ["powershell.exe", "-NoProfile"]
    assert "TwoLetterISOLanguageName -eq 'es'" in argv[-1]
    assert stdin.decode("utf-8") == "¿Cómo fue?"


def test_the_engine_says_when_it_falls_silent(tmp_path: Path) -> None:
    engine = StandInVoice(tmp_path)
    quiet = threading.Event()
    engine.on_quiet(quiet.set)
    assert not engine.speaking()
    engine.say("one", "en")
    engine.say("two", "en", interrupt=False)
    assert engine.speaking()
    engine.finish("one")  # the first ends: the second is still to come
    assert engine.speaking() and not quiet.is_set()
    engine.finish("two")
    assert quiet.wait(timeout=30)  # told from the worker thread
    assert not engine.speaking()
    quiet.clear()
    engine.say("three", "en")
    engine.stop()  # cut short: silent too
    assert quiet.wait(timeout=30) and not engine.speaking()
    engine.close()


def bundle_like_the_build(bundle: Path) -> Path:
    """A bundle's espeak-ng folder as build.spec makes it, from the system's espeak-ng, with
    English only: a voice list that differs from the system's shows which data was read."""
    version = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout
    data = Path(re.search(r"Data at: (\S+)", version).group(1))  # type: ignore[union-attr]
    home = bundle / BUNDLED_ESPEAK
    (home / "espeak-ng-data" / "lang" / "gmw").mkdir(parents=True)
    program = shutil.which("espeak-ng")
    assert program is not None
    shutil.copy(program, home / "espeak-ng")
    for name in ("phontab", "phonindex", "phondata", "intonations", "en_dict", "lang/gmw/en-US"):
        shutil.copy(data / name, home / "espeak-ng-data" / name)
    return home


@linux
def test_the_bundles_espeak_comes_first_with_its_own_voice_data(tmp_path: Path) -> None:
    home = bundle_like_the_build(tmp_path)
    engine = system_engine(bundle=tmp_path)
    assert isinstance(engine, EspeakEngine)
    assert engine.executable == str(home / "espeak-ng") and engine.name == "espeak-ng (bundled)"
    env = engine.environment()
    assert env["ESPEAK_DATA_PATH"] == str(home)
    assert env["LD_LIBRARY_PATH"].split(os.pathsep)[0] == str(home)
    assert engine.installed_voices() == {"en-us"}  # the bundle's data, not the system's
    wav = tmp_path / "en.wav"
    engine.render("How was your visit today?", "en", wav)
    assert not wav_is_silent(wav)
    assert "espeak-ng (Debian" not in install_hint("linux", bundle=tmp_path)
    assert "libpulse0" in install_hint("linux", bundle=tmp_path)


@linux
def test_without_a_bundled_espeak_the_systems_is_used(tmp_path: Path) -> None:
    engine = system_engine(bundle=tmp_path)  # a bundle without the folder: a build without it
    assert isinstance(engine, EspeakEngine) and engine.home is None
    assert engine.name == "espeak-ng" and "ESPEAK_DATA_PATH" not in engine.environment()
    assert "install espeak-ng" in install_hint("linux", bundle=tmp_path)


def test_an_engine_that_cannot_start_says_what_it_printed(tmp_path: Path) -> None:
    # As the bundle's espeak-ng on a machine without the sound system's libraries.
    broken = tmp_path / "espeak-ng"
    broken.write_text(
        "#!/bin/sh\necho 'espeak-ng: error while loading shared libraries: libpulse.so.0: "
        "cannot open shared object file: No such file or directory' >&2\nexit 127\n",
        encoding="utf-8",
    )
    broken.chmod(0o755)
    with pytest.raises(EngineFailed, match=r"status 127: .*libpulse\.so\.0"):
        EspeakEngine(str(broken), tmp_path).missing_voices(["en"])

"""Reading aloud with the operating system's own offline voices (Qt-free).

One engine per kiosk speaks one utterance at a time on a worker thread, so the screen never
waits for a voice: ``say`` returns at once, and a new utterance cancels the one being spoken
(the visitor moved on). Linux speaks through espeak-ng, Windows through its SAPI voices
(PowerShell's System.Speech); each utterance is one short-lived process, which a cancel ends.
The engine tells its listeners when it falls silent (``on_quiet``), so a screen can wait for
what is being read before it moves on.

The PyInstaller bundle carries its own espeak-ng on Linux (build.spec: the program, the
libraries it needs that a machine may lack, and the voice data of the offered languages);
``system_engine`` prefers it and falls back to the system's.

PySide6-Addons' QtTextToSpeech would do the same through Qt, but it is a wheel far larger than
the kiosk's whole Qt, and on Linux it needs speech-dispatcher or flite from the system anyway.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import wave
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("kiosk.speech")

# Each offered language's voices, best first: the kiosk's Spanish is Latin American.
ESPEAK_VOICES: dict[str, tuple[str, ...]] = {"en": ("en-us", "en"), "es": ("es-419", "es")}
TRANSCRIPT_LENGTH = 200  # utterances an engine remembers (what it was asked, for tests and logs)
# Where build.spec puts espeak-ng in the bundle (under sys._MEIPASS): the program, its libraries
# and espeak-ng-data/ side by side, so one folder is both its library path and ESPEAK_DATA_PATH.
BUNDLED_ESPEAK = "espeak-ng"


@dataclass(frozen=True)
class Utterance:
    text: str
    language: str


class NoVoice(Exception):
    """This engine has no voice for a language; ``str()`` says what to install."""


class SpeechEngine:
    """Speaks utterances in order on its own thread; ``say`` interrupts by default.

    Subclasses say how one utterance becomes a process (``command``). This base class speaks
    nothing: it is the engine for a machine without voices and for ``kiosk snapshot``, and it
    keeps, like every engine, the utterances it was asked for in ``transcript``.
    """

    name = "silent"
    speaks = False  # whether command() starts a process: the silent engine only listens

    def __init__(self) -> None:
        self.transcript: deque[Utterance] = deque(maxlen=TRANSCRIPT_LENGTH)
        self._cond = threading.Condition()
        self._queue: deque[Utterance] = deque()
        self._process: subprocess.Popen[bytes] | None = None
        self._generation = 0  # counts stop()s, so a process started during one is ended too
        self._thread: threading.Thread | None = None
        self._closed = False
        self._busy = False  # an utterance is queued or being spoken
        self._quiet_listeners: list[Callable[[], None]] = []

    def on_quiet(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` each time the engine falls silent: the last utterance it was given
        has ended, spoken to its end or cut short. Called on the worker thread."""
        self._quiet_listeners.append(listener)

    def speaking(self) -> bool:
        """Whether an utterance is being spoken or waits its turn."""
        with self._cond:
            return self._busy

    def say(self, text: str, language: str, interrupt: bool = True) -> None:
        """Speak ``text`` in ``language``; with ``interrupt``, drop what is being said first."""
        text = " ".join(text.split())
        if not text:
            return
        utterance = Utterance(text, language)
        self.transcript.append(utterance)
        log.debug("say (%s): %s", language, text)
        if not self.speaks:
            return
        with self._cond:
            if interrupt:
                self._stop()  # in the same lock as the append: no moment of silence between
            if self._closed:
                return
            self._busy = True
            self._queue.append(utterance)
            self._cond.notify()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        """Silence: the utterance being spoken ends now, the queued ones are dropped."""
        with self._cond:
            self._stop()

    def _stop(self) -> None:  # with self._cond held
        self._generation += 1
        self._queue.clear()
        self._cond.notify()  # a worker between utterances reports the silence
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()

    def close(self) -> None:
        """Silence for good (the kiosk is closing); the worker thread ends."""
        with self._cond:
            self._closed = True
            self._cond.notify()
        self.stop()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=5)

    def command(self, utterance: Utterance) -> tuple[list[str], bytes] | None:
        """The process that speaks ``utterance`` and what to give it on stdin (None: skip)."""
        return None

    def missing_voices(self, languages: Iterable[str]) -> dict[str, str]:
        """Each of ``languages`` this engine cannot speak, with what to install for it."""
        return {}

    def voice_label(self, language: str) -> str:
        """The voice that speaks ``language``, as doctor names it."""
        return language

    def environment(self) -> dict[str, str]:
        """The environment the engine's processes run in."""
        return system_environment()

    def _run(self) -> None:
        while True:
            with self._cond:
                # Busy with nothing queued, between utterances: stop() dropped them.
                while not self._queue and not self._closed and not self._busy:
                    self._cond.wait()
                if self._closed:
                    self._busy = False
                    return
                utterance = self._queue.popleft() if self._queue else None
                generation = self._generation
            if utterance is not None:
                self._say_one(utterance, generation)
            with self._cond:
                quiet = not self._queue
                if quiet:
                    self._busy = False
            if quiet:
                for listener in self._quiet_listeners:
                    try:
                        listener()
                    except Exception:  # a broken listener must not silence the kiosk
                        log.exception("speech listener failed")

    def _say_one(self, utterance: Utterance, generation: int) -> None:
        try:
            job = self.command(utterance)
        except (NoVoice, OSError, subprocess.SubprocessError) as exc:
            log.warning("cannot read aloud: %s", exc)
            return
        if job is not None:
            self._speak(*job, generation)

    def _speak(self, argv: list[str], stdin: bytes, generation: int) -> None:
        try:
            process = subprocess.Popen(
                argv,
                env=self.environment(),
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                # No console window flashes up on Windows (kiosk-gui.exe has none of its own).
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError as exc:
            log.warning("cannot start %s: %s", argv[0], exc)
            return
        with self._cond:
            self._process = process
            if generation != self._generation:
                process.terminate()  # stopped while it was starting
        try:
            process.communicate(stdin)
        except OSError:
            process.wait()  # ended before it read its text
        with self._cond:
            self._process = None
            cancelled = generation != self._generation
        if process.returncode != 0 and not cancelled:
            log.warning("%s stopped with status %s", argv[0], process.returncode)


class EngineFailed(subprocess.SubprocessError):
    """The engine's program did not run; ``str()`` says what it printed."""


class EspeakEngine(SpeechEngine):
    """espeak-ng (Linux; also on Windows and macOS if installed): text on stdin.

    ``home`` is the bundle's espeak-ng folder (BUNDLED_ESPEAK): its libraries come before the
    system's and its voice data is the only one it reads. Without it, the system's espeak-ng.
    """

    speaks = True

    def __init__(self, executable: str, home: Path | None = None) -> None:
        super().__init__()
        self.executable = executable
        self.home = home
        self.name = "espeak-ng (bundled)" if home is not None else "espeak-ng"
        self._voices: set[str] | None = None

    def environment(self) -> dict[str, str]:
        env = system_environment()
        if self.home is not None:
            # The bundle's libespeak-ng, libpcaudio and libsonic first; the sound system they
            # play through (ALSA, PulseAudio) is the machine's, from its own library path.
            system = env.get("LD_LIBRARY_PATH")
            env["LD_LIBRARY_PATH"] = os.pathsep.join(filter(None, [str(self.home), system]))
            env["ESPEAK_DATA_PATH"] = str(self.home)  # espeak-ng reads <this>/espeak-ng-data
        return env

    def _run_checked(self, argv: list[str], stdin: bytes | None = None) -> bytes:
        result = subprocess.run(
            argv, env=self.environment(), input=stdin, capture_output=True, timeout=60
        )
        if result.returncode != 0:
            said = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise EngineFailed(
                f"{Path(argv[0]).name} stopped with status {result.returncode}"
                + (f": {said[-1]}" if said else "")
            )
        return result.stdout

    def installed_voices(self) -> set[str]:
        """The voices espeak-ng has (its `--voices` list), read once."""
        if self._voices is None:
            listing = self._run_checked([self.executable, "--voices"]).decode("utf-8", "replace")
            rows = [line.split() for line in listing.splitlines()[1:]]
            self._voices = {row[1] for row in rows if len(row) > 1}
        return self._voices

    def voice(self, language: str) -> str:
        for name in ESPEAK_VOICES.get(language, (language,)):
            if name in self.installed_voices():
                return name
        raise NoVoice(f"espeak-ng has no voice for {language!r}: install espeak-ng-data")

    def command(self, utterance: Utterance) -> tuple[list[str], bytes]:
        argv = [self.executable, "-v", self.voice(utterance.language), "-s", "160"]
        if not any(c.isalnum() for c in utterance.text):
            argv.append("--punct")  # a key such as "," or "¿": say its name, not silence
        return argv, utterance.text.encode("utf-8")

    def render(self, text: str, language: str, wav: Path) -> None:
        """Write ``text`` spoken in ``language`` to a WAV file (doctor's proof that it speaks)."""
        argv, stdin = self.command(Utterance(text, language))
        self._run_checked([*argv, "-w", str(wav)], stdin)

    def missing_voices(self, languages: Iterable[str]) -> dict[str, str]:
        missing: dict[str, str] = {}
        for language in languages:
            try:
                self.voice(language)
            except NoVoice as exc:
                missing[language] = str(exc)
        return missing

    def voice_label(self, language: str) -> str:
        return self.voice(language)


# PowerShell reads the text from stdin as UTF-8 and speaks it with the first installed voice of
# the language's culture ({lang}: a two-letter code), or the default voice if there is none.
_SAPI_SPEAK = (
    "[Console]::InputEncoding = [Text.Encoding]::UTF8; "
    "Add-Type -AssemblyName System.Speech; "
    "$s = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
    "$v = $s.GetInstalledVoices() | Where-Object {{ $_.Enabled -and "
    "$_.VoiceInfo.Culture.TwoLetterISOLanguageName -eq '{lang}' }} | Select-Object -First 1; "
    "if ($v) {{ $s.SelectVoice($v.VoiceInfo.Name) }}; "
    "$s.Speak([Console]::In.ReadToEnd())"
)
_SAPI_LIST = (
    "Add-Type -AssemblyName System.Speech; "
    "(New-Object System.Speech.Synthesis.SpeechSynthesizer).GetInstalledVoices() | "
    "Where-Object { $_.Enabled } | "
    "ForEach-Object { $_.VoiceInfo.Culture.TwoLetterISOLanguageName }"
)
_SAPI_FIX = {
    "en": "Settings > Time & language > Speech > Add voices: English (United States)",
    "es": "Settings > Time & language > Speech > Add voices: Español (México)",
}


class SapiEngine(SpeechEngine):
    """Windows' own voices (SAPI 5, through PowerShell's System.Speech). Not run by our tests,
    which run on Linux."""

    name = "Windows voices (SAPI)"
    speaks = True

    def __init__(self, powershell: str) -> None:
        super().__init__()
        self.powershell = powershell

    def _argv(self, script: str) -> list[str]:
        return [self.powershell, "-NoProfile", "-NonInteractive", "-Command", script]

    def command(self, utterance: Utterance) -> tuple[list[str], bytes]:
        return self._argv(_SAPI_SPEAK.format(lang=utterance.language)), utterance.text.encode()

    def missing_voices(self, languages: Iterable[str]) -> dict[str, str]:
        listing = subprocess.run(
            self._argv(_SAPI_LIST),
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=60,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        ).stdout
        have = set(listing.split())
        return {
            language: f"no Windows voice for {language!r}: "
            + _SAPI_FIX.get(language, "add a voice for it")
            for language in languages
            if language not in have
        }


def system_environment() -> dict[str, str]:
    """The environment for the system's own programs: inside the bundle, PyInstaller points
    LD_LIBRARY_PATH at the bundle's libraries, which espeak-ng must not load instead of its own."""
    env = dict(os.environ)
    if getattr(sys, "frozen", False):
        original = env.pop("LD_LIBRARY_PATH_ORIG", None)
        if original is not None:
            env["LD_LIBRARY_PATH"] = original
        else:
            env.pop("LD_LIBRARY_PATH", None)
    return env


def bundle_dir() -> Path | None:
    """The PyInstaller bundle's files (sys._MEIPASS), or None when run from source."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) if getattr(sys, "frozen", False) and base else None


def bundled_espeak(bundle: Path | None) -> EspeakEngine | None:
    """The espeak-ng build.spec put in the bundle, if this bundle has one (Linux builds)."""
    if bundle is None:
        return None
    home = bundle / BUNDLED_ESPEAK
    executable = home / "espeak-ng"
    if not executable.is_file() or not (home / "espeak-ng-data").is_dir():
        return None
    return EspeakEngine(str(executable), home)


def system_engine(platform: str = sys.platform, bundle: Path | None = None) -> SpeechEngine | None:
    """The offline voices the kiosk speaks with, or None when this machine has none we use:
    the bundle's espeak-ng first (``bundle``: the bundle's files, by default this program's
    own when frozen), then the operating system's."""
    bundled = bundled_espeak(bundle if bundle is not None else bundle_dir())
    if bundled is not None:
        return bundled
    if platform == "win32":
        root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        shell = shutil.which("powershell") or shutil.which(
            rf"{root}\System32\WindowsPowerShell\v1.0\powershell.exe"
        )
        return SapiEngine(shell) if shell else None
    espeak = shutil.which("espeak-ng")
    return EspeakEngine(espeak) if espeak else None


def install_hint(platform: str = sys.platform, bundle: Path | None = None) -> str:
    """What IT installs so that the kiosk can read aloud."""
    if platform == "win32":
        return "add the voices in Settings > Time & language > Speech (English and Español)"
    if bundled_espeak(bundle if bundle is not None else bundle_dir()) is not None:
        return (
            "the kiosk carries espeak-ng; it plays through the machine's sound system "
            "(Debian/Ubuntu: `sudo apt-get install libasound2 libpulse0`)"
        )
    return "install espeak-ng (Debian/Ubuntu: `sudo apt-get install espeak-ng`)"


def wav_is_silent(path: Path) -> bool:
    """Whether a 16-bit WAV file holds no sound at all (every sample zero, or no samples)."""
    with wave.open(str(path), "rb") as f:
        frames = f.readframes(f.getnframes())
    return not frames.strip(b"\0")


def join_sentences(parts: Sequence[str]) -> str:
    """Pieces of a screen as one utterance, each a sentence, so a voice pauses between them
    (a piece that ends in a mark of its own, such as "?" or a key's ",", keeps it alone)."""
    out: list[str] = []
    for part in parts:
        part = " ".join(part.split())
        if part:
            out.append(part + "." if part[-1].isalnum() else part)
    return " ".join(out)

"""A speech engine with a stand-in voice whose utterances end when the test says so.

The kiosk's own worker (kiosk.core.speech.SpeechEngine) runs it: each utterance is a real child
process, which reads its text and then talks until the test lets it finish (``finish``) or the
kiosk stops it, as espeak-ng talks until its sentence ends or it is ended.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from pathlib import Path

from kiosk.core.speech import SpeechEngine, Utterance


class StandInVoice(SpeechEngine):
    speaks = True

    def __init__(self, scratch: Path) -> None:
        super().__init__()
        self.scratch = scratch

    def _end(self, text: str) -> Path:
        """The named pipe whose end the child speaking ``text`` waits for (made by whichever
        side comes first: the worker starting the child, or the test ending it)."""
        path = self.scratch / f"end-{hashlib.sha1(text.encode()).hexdigest()[:12]}"
        with contextlib.suppress(FileExistsError):
            os.mkfifo(path)
        return path

    def command(self, utterance: Utterance) -> tuple[list[str], bytes]:
        end = self._end(utterance.text)
        script = f"import sys; sys.stdin.read(); open({str(end)!r}).read()"
        return [sys.executable, "-c", script], utterance.text.encode()

    def finish(self, text: str | None = None) -> None:
        """The utterance of ``text`` (by default the last one said) reaches its end: opening
        its pipe waits for its child, closing it ends the child's read."""
        assert self.speaking(), "nothing is being spoken"
        with open(self._end(text if text is not None else self.transcript[-1].text), "w"):
            pass

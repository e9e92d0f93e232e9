"""One sync cycle: drain the outbox in batches, then the follow-up answers, then a heartbeat.

Qt-free; the kiosk runs it on a worker thread and ``kiosk sync --once`` runs it directly.
Delivery is at-least-once: a card is marked delivered only after the receiver acknowledged it
(accepted or duplicate), in one transaction per batch, so a crash or a lost answer means the
batch is sent again and the receiver answers "duplicate".

A batch the receiver (or a proxy in front of it) refuses as too large, 413, is halved and sent
again, down to one card; later batches of the cycle are no larger than what fitted. A card that
is too large even alone stays pending with the reason, is passed over for the rest of the cycle
so the cards after it still go, and is tried again every cycle (a 413 is about the receiver's
limit, not the card: once the limit is raised it goes).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from kiosk.core.card import SENT_FIELDS, Card
from kiosk.core.config import SyncConfig, TokenError
from kiosk.store.cards import CardStore, FollowupRecord
from sync.client import DistrictClient
from sync.errors import PayloadTooLarge, RequestRefused, SyncConfigError, SyncError
from sync.protocol import (
    MAX_BATCH,
    MAX_JSON_INT,
    SENDER_PROBLEMS,
    BatchResult,
    CardBatch,
    FollowupAnswer,
    FollowupBatch,
    Heartbeat,
    Outcome,
    WireCard,
)

log = logging.getLogger("sync.uploader")

T = TypeVar("T")


def to_wire(card: Card) -> WireCard:
    """The card's fields marked SEND, validated by the wire model (which refuses any other)."""
    sent = {name: getattr(card, name) for name in SENT_FIELDS}
    # A clock set back between the first tap and Done leaves a card final before it was
    # created, which protocol v1 refuses: it goes as final when created, rather than not at all.
    if card.finalised_at is not None and card.finalised_at < card.created_at:
        sent["finalised_at"] = card.created_at
    return WireCard.model_validate(sent)


def to_wire_answer(record: FollowupRecord) -> FollowupAnswer:
    return FollowupAnswer(
        card_id=record.card_id,  # type: ignore[arg-type]  # validated into a UUID
        answered_at=record.answered_at,
        answered_by=record.answered_by,
        note=record.note,
    )


def read_token(config: SyncConfig) -> str:
    try:
        return config.read_token()
    except TokenError as exc:
        raise SyncConfigError(f"sync: {exc}") from None


@dataclass
class CycleReport:
    sent: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    followups_sent: int = 0
    too_large: int = 0  # cards the receiver refused as too large even alone: still pending
    wrong_sender: int = 0  # cards refused for who sent them (SENDER_PROBLEMS): still pending
    pending: int = 0  # still in the outbox afterwards (too_large included)

    @property
    def progressed(self) -> bool:
        """The receiver answered at least one batch: the link works, if not every time."""
        return bool(self.accepted or self.duplicate or self.rejected or self.followups_sent)


@dataclass
class _Fit:
    """The most items one request of this cycle may hold: the batch size, halved by each 413."""

    size: int


OTHER_KIOSK_KIND = "other_kiosk"
"""The sync status's last error kind while cards made under another kiosk id wait here."""


def other_kiosk_problem(others: tuple[tuple[str, int], ...], kiosk_id: str) -> str:
    """The sync status's last error while cards made under another kiosk id wait on this one
    (the config's ``kiosk_id`` was changed): one line saying how to deliver them."""
    made = ", ".join(f"{n} as {k}" for k, n in others)
    first = others[0][0]
    return (
        f"{sum(n for _, n in others)} card(s) made under another kiosk id ({made}) wait here: "
        f"this kiosk sends as {kiosk_id} and the receiver takes a card only from the kiosk that "
        f"made it; deliver them with `kiosk sync --once --as {first} --token-file FILE` "
        f"(that kiosk's token)"
    )


def wrong_sender_problem(cards: int) -> str:
    return (
        f"{cards} card(s) refused for who sent them, not for what they hold: kept on the "
        "kiosk; check kiosk_id and the token"
    )


def too_large_problem(cards: int) -> str:
    """The sync status's last error after a cycle that left cards behind as too large."""
    return (
        f"{cards} card(s) too large for the receiver even one per request (HTTP 413): kept on "
        "the kiosk and tried again at every sync; the receiver's or its proxy's body limit "
        "must be raised"
    )


class Uploader:
    """Sends this kiosk's outbox to the district. One instance per thread (it owns a store)."""

    def __init__(
        self,
        store: CardStore,
        client: DistrictClient,
        kiosk_id: str,
        app_version: str,
        batch_size: int,
        on_behalf: bool = False,
    ) -> None:
        self.store = store
        self.client = client
        self.kiosk_id = kiosk_id
        self.app_version = app_version
        self.batch_size = min(batch_size, MAX_BATCH)
        # Sending as another kiosk id than this kiosk's own (`kiosk sync --as`): only that id's
        # cards and answers go; no heartbeat (it would speak for that kiosk) and this kiosk's
        # sync status is left as it is.
        self.on_behalf = on_behalf
        # Checked between batches: a kiosk closing down stops after the batch on the wire
        # instead of draining a long outbox first.
        self.should_stop: Callable[[], bool] = lambda: False

    @classmethod
    def from_config(
        cls,
        store: CardStore,
        config: SyncConfig,
        kiosk_id: str,
        app_version: str,
        on_behalf: bool = False,
    ) -> Uploader:
        if not config.endpoint:
            raise SyncConfigError("sync is not configured: set endpoint in [sync]")
        client = DistrictClient(
            config.endpoint, read_token(config), config.timeout_seconds, config.allow_insecure_http
        )
        return cls(store, client, kiosk_id, app_version, config.batch_size, on_behalf)

    def close(self) -> None:
        self.client.close()

    def run_cycle(self, report: CycleReport | None = None) -> CycleReport:
        """Cards, then follow-up answers, then the heartbeat. Records the outcome in the store's
        sync status; raises the SyncError that stopped the cycle (``report``, when given, then
        still holds what was done before it)."""
        previous_error = self.store.sync_status().last_error
        report = report if report is not None else CycleReport()
        problem: tuple[str, str] | None = None  # what the cycle had to leave behind, its kind
        try:
            self._send_cards(report)
            self._send_followups(report)
            problem = self._left_behind(report)
            if not self.on_behalf:
                # The district hears of the last cycle's error and of this one's cards left
                # behind.
                errors = dict.fromkeys(e for e in (previous_error, problem and problem[0]) if e)
                self._send_heartbeat("; ".join(errors) or None)
        except SyncError as exc:
            log.warning("sync: %s (%s)", exc, exc.kind)
            if not self.on_behalf:
                self.store.record_sync_result(str(exc), exc.kind)
            report.pending = self._pending()
            raise
        if problem is not None:
            # The cycle got through; the status keeps showing what it had to leave behind.
            log.error("sync: %s", problem[0])
        if self.on_behalf:
            pass  # this kiosk's own status is not this run's to change
        elif problem is not None:
            self.store.record_sync_result(*problem, got_through=True)
        else:
            self.store.record_sync_result()
        report.pending = self._pending()
        log.info(
            "sync: sent %d, accepted %d, duplicate %d, rejected %d, follow-ups %d, "
            "too large %d, pending %d",
            report.sent,
            report.accepted,
            report.duplicate,
            report.rejected,
            report.followups_sent,
            report.too_large,
            report.pending,
        )
        return report

    def _pending(self) -> int:
        """Cards still in the outbox: all of them, or only this id's when sending for another."""
        status = self.store.sync_status(self.kiosk_id)
        return status.pending - status.other_kiosk if self.on_behalf else status.pending

    def _left_behind(self, report: CycleReport) -> tuple[str, str] | None:
        """The line and kind for the sync status when the cycle had to leave cards pending:
        cards made under another kiosk id first (a person must act), then refusals of the
        sender, then cards too large for the receiver."""
        others = self.store.sync_status(self.kiosk_id).other_kiosks
        lines = []
        kind = None
        if others and not self.on_behalf:
            lines.append(other_kiosk_problem(others, self.kiosk_id))
            kind = OTHER_KIOSK_KIND
        if report.wrong_sender:
            lines.append(wrong_sender_problem(report.wrong_sender))
            kind = kind or OTHER_KIOSK_KIND
        if report.too_large:
            lines.append(too_large_problem(report.too_large))
            kind = kind or PayloadTooLarge.kind
        return ("; ".join(lines), kind) if kind is not None else None

    def _send_halving(
        self, items: list[T], send: Callable[[list[T]], BatchResult], fit: _Fit
    ) -> Iterator[tuple[list[T], BatchResult | PayloadTooLarge]]:
        """Send ``items`` in one request; one refused as too large (413) is halved and each half
        sent the same way, oldest first. Yields every part sent with the receiver's answer, or
        with the 413 for a single item too large alone. Lowers ``fit`` to what was refused,
        halved, so the cycle's next batches are fetched no larger."""
        todo = [items]
        while todo:
            part = todo.pop()
            try:
                answer: BatchResult | PayloadTooLarge = send(part)
            except PayloadTooLarge as exc:
                if len(part) > 1:
                    half = (len(part) + 1) // 2
                    fit.size = min(fit.size, half)
                    log.warning(
                        "sync: %d items are too large for one request (%s); sending %d and %d",
                        len(part),
                        exc,
                        half,
                        len(part) - half,
                    )
                    todo += [part[half:], part[:half]]
                    continue
                answer = exc
            yield part, answer
            if todo and self.should_stop():
                return  # what is left stays pending for the next cycle

    def _send_cards(self, report: CycleReport) -> None:
        fit = _Fit(self.batch_size)
        last: Card | None = None  # the outbox is read on past it: a card left pending is passed
        while not self.should_stop() and (
            cards := self.store.outbox(fit.size, after=last, kiosk_id=self.kiosk_id)
        ):
            last = cards[-1]
            wire: list[WireCard] = []
            local_id: dict[str, str] = {}  # the wire's canonical UUID text -> the stored id
            unsendable: dict[str, str] = {}
            for card in cards:
                try:
                    wire.append(to_wire(card))
                    local_id[str(wire[-1].id)] = card.id
                except ValidationError as exc:
                    # A card the protocol cannot carry would block the outbox for ever.
                    unsendable[card.id] = f"cannot be sent: {exc.errors()[0]['msg']}"
            if unsendable:
                log.error("sync: %d card(s) cannot be sent: %s", len(unsendable), unsendable)
                report.rejected += self.store.mark_rejected(unsendable)
            if not wire:
                continue

            def send(part: list[WireCard]) -> BatchResult:
                return self.client.send_cards(CardBatch(kiosk_id=self.kiosk_id, cards=part))

            for part, result in self._send_halving(wire, send, fit):
                if isinstance(result, PayloadTooLarge):
                    card_id = local_id[str(part[0].id)]
                    log.error(
                        "sync: card %s (%d bytes) is too large for the receiver even alone: "
                        "kept pending, tried again next sync (%s)",
                        card_id,
                        len(part[0].model_dump_json()),
                        result,
                    )
                    self.store.mark_held({card_id: f"too large for the receiver: {result}"})
                    report.too_large += 1
                    continue
                delivered, rejected, wrong_sender = _split(result, [str(c.id) for c in part])
                with self.store.transaction():
                    self.store.mark_delivered(local_id[i] for i in delivered)
                    self.store.mark_rejected({local_id[i]: why for i, why in rejected.items()})
                if wrong_sender:
                    # About who sent the card, not the card: it stays pending, passed over.
                    log.error(
                        "sync: %d card(s) refused for who sent them, kept pending: %s",
                        len(wrong_sender),
                        wrong_sender,
                    )
                report.sent += len(part)
                report.accepted += sum(r.outcome is Outcome.ACCEPTED for r in result.results)
                report.duplicate += sum(r.outcome is Outcome.DUPLICATE for r in result.results)
                report.rejected += len(rejected)
                report.wrong_sender += len(wrong_sender)

    def _send_followups(self, report: CycleReport) -> None:
        # There is no "rejected" state for answers: one the protocol cannot carry, or one the
        # receiver refuses (an id conflict, only possible if its data was edited, another
        # kiosk's card, or too large even alone), stays pending and is logged as an error; the
        # outbox is read on past it. One refused for now (its card has not reached the
        # receiver: RETRY_LATER) waits quietly and goes again next sync, after its card.
        fit = _Fit(self.batch_size)
        last: FollowupRecord | None = None
        while not self.should_stop() and (
            records := self.store.followup_outbox(fit.size, after=last, kiosk_id=self.kiosk_id)
        ):
            last = records[-1]
            sendable: dict[str, FollowupRecord] = {}  # by the answer's wire key
            answers: list[FollowupAnswer] = []
            for record in records:
                try:
                    answers.append(to_wire_answer(record))
                    sendable[answers[-1].key] = record
                except ValidationError as exc:
                    # The message only: pydantic's text would quote the manager's note.
                    log.error(
                        "sync: answer to card %s cannot be sent: %s",
                        record.card_id,
                        exc.errors()[0]["msg"],
                    )
            if not answers:
                continue

            def send(part: list[FollowupAnswer]) -> BatchResult:
                return self.client.send_followups(
                    FollowupBatch(kiosk_id=self.kiosk_id, answers=part)
                )

            for part, result in self._send_halving(answers, send, fit):
                if isinstance(result, PayloadTooLarge):
                    log.error(
                        "sync: answer to card %s is too large for the receiver even alone: "
                        "stays pending (%s)",
                        part[0].card_id,
                        result,
                    )
                    continue
                delivered, rejected, wrong_sender = _split(result, [a.key for a in part])
                later = {r.id for r in result.results if r.retry_later}
                if later:
                    log.info(
                        "sync: %d answer(s) wait for their card to reach the district", len(later)
                    )
                refused = {k: why for k, why in (rejected | wrong_sender).items() if k not in later}
                if refused:
                    log.error("sync: follow-up answers refused: %s", refused)
                self.store.mark_followups_delivered(
                    (sendable[k].card_id, sendable[k].answered_at) for k in delivered
                )
                report.followups_sent += len(part)

    def _send_heartbeat(self, previous_error: str | None) -> None:
        status = self.store.sync_status()
        now = self.store.clock()
        age = (now - status.oldest_pending).total_seconds() if status.oldest_pending else None
        self.client.send_heartbeat(
            self.kiosk_id,
            Heartbeat(
                app_version=self.app_version,
                sent_at=now,
                pending=status.pending,
                oldest_pending_age_seconds=max(0.0, age) if age is not None else None,
                last_error=previous_error[:500] if previous_error else None,
                disk_free_bytes=_disk_free(self.store.path.parent),
            ),
        )


def _split(
    result: BatchResult, sent_ids: list[str]
) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """Acknowledged ids, ids rejected for good with reasons, and ids refused for who sent them
    (SENDER_PROBLEMS: never final, they stay pending). The answer must cover exactly what was
    sent: anything else is a receiver bug, and nothing is marked."""
    answered = [r.id for r in result.results]
    if sorted(answered) != sorted(sent_ids):
        raise RequestRefused("the receiver's answer does not match the items sent")
    delivered = [r.id for r in result.results if r.outcome is not Outcome.REJECTED]
    refused = {
        r.id: (f"{r.reason or 'rejected'} ({r.code})", r.code in SENDER_PROBLEMS)
        for r in result.results
        if r.outcome is Outcome.REJECTED
    }
    rejected = {i: why for i, (why, sender) in refused.items() if not sender}
    wrong_sender = {i: why for i, (why, sender) in refused.items() if sender}
    return delivered, rejected, wrong_sender


def _disk_free(folder: Path) -> int | None:
    try:
        return min(shutil.disk_usage(folder).free, MAX_JSON_INT)  # the protocol's bound, 8 PiB
    except OSError:
        return None

"""One sync cycle: drain the outbox in batches, then the follow-up answers, then a heartbeat.

Qt-free; the kiosk runs it on a worker thread and ``kiosk sync --once`` runs it directly.
Delivery is at-least-once: a card is marked delivered only after the receiver acknowledged it
(accepted or duplicate), in one transaction per batch, so a crash or a lost answer means the
batch is sent again and the receiver answers "duplicate".
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from kiosk.card import Card
from kiosk.config import SyncConfig
from kiosk.store import CardStore, FollowupRecord
from sync.client import DistrictClient
from sync.errors import RequestRefused, SyncConfigError, SyncError
from sync.protocol import (
    MAX_BATCH,
    BatchResult,
    CardBatch,
    FollowupAnswer,
    FollowupBatch,
    Heartbeat,
    Outcome,
    WireCard,
)

log = logging.getLogger("sync.uploader")


def to_wire(card: Card) -> WireCard:
    return WireCard(
        id=card.id,  # type: ignore[arg-type]  # validated into a UUID
        kiosk_id=card.kiosk_id,
        app_version=card.app_version,
        rating=card.rating,
        language=card.language,
        role=card.role,
        went_well=card.went_well,
        could_improve=card.could_improve,
        comment=card.comment,
        followup_requested=card.followup_requested,
        contact_name=card.contact_name,
        contact_phone=card.contact_phone,
        contact_email=card.contact_email,
        created_at=card.created_at,
        finalised_at=card.finalised_at,
    )


def to_wire_answer(record: FollowupRecord) -> FollowupAnswer:
    return FollowupAnswer(
        card_id=record.card_id,  # type: ignore[arg-type]  # validated into a UUID
        answered_at=record.answered_at,
        answered_by=record.answered_by,
        note=record.note,
    )


def read_token(config: SyncConfig) -> str:
    if config.token:
        return config.token
    if config.token_file is None:
        raise SyncConfigError("no sync token: set token_file (or token) in [sync]")
    try:
        token = config.token_file.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SyncConfigError(
            f"cannot read the sync token file {config.token_file} ({exc.strerror})"
        ) from None
    if not token:
        raise SyncConfigError(f"the sync token file {config.token_file} is empty")
    return token


@dataclass
class CycleReport:
    sent: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected: int = 0
    followups_sent: int = 0
    pending: int = 0  # still in the outbox afterwards


class Uploader:
    """Sends this kiosk's outbox to the district. One instance per thread (it owns a store)."""

    def __init__(
        self,
        store: CardStore,
        client: DistrictClient,
        kiosk_id: str,
        app_version: str,
        batch_size: int,
    ) -> None:
        self.store = store
        self.client = client
        self.kiosk_id = kiosk_id
        self.app_version = app_version
        self.batch_size = min(batch_size, MAX_BATCH)
        # Checked between batches: a kiosk closing down stops after the batch on the wire
        # instead of draining a long outbox first.
        self.should_stop: Callable[[], bool] = lambda: False

    @classmethod
    def from_config(
        cls, store: CardStore, config: SyncConfig, kiosk_id: str, app_version: str
    ) -> Uploader:
        if not config.endpoint:
            raise SyncConfigError("sync is not configured: set endpoint in [sync]")
        client = DistrictClient(
            config.endpoint, read_token(config), config.timeout_seconds, config.allow_insecure_http
        )
        return cls(store, client, kiosk_id, app_version, config.batch_size)

    def close(self) -> None:
        self.client.close()

    def run_cycle(self, report: CycleReport | None = None) -> CycleReport:
        """Cards, then follow-up answers, then the heartbeat. Records the outcome in the store's
        sync status; raises the SyncError that stopped the cycle (``report``, when given, then
        still holds what was done before it)."""
        previous_error = self.store.sync_status().last_error
        report = report if report is not None else CycleReport()
        try:
            self._send_cards(report)
            self._send_followups(report)
            self._send_heartbeat(previous_error)
        except SyncError as exc:
            log.warning("sync: %s (%s)", exc, exc.kind)
            self.store.record_sync_result(str(exc), exc.kind)
            report.pending = self.store.outbox_status().pending
            raise
        self.store.record_sync_result()
        report.pending = self.store.outbox_status().pending
        log.info(
            "sync: sent %d, accepted %d, duplicate %d, rejected %d, follow-ups %d, pending %d",
            report.sent,
            report.accepted,
            report.duplicate,
            report.rejected,
            report.followups_sent,
            report.pending,
        )
        return report

    def _send_cards(self, report: CycleReport) -> None:
        while not self.should_stop() and (cards := self.store.outbox(self.batch_size)):
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
            result = self.client.send_cards(CardBatch(kiosk_id=self.kiosk_id, cards=wire))
            delivered, rejected = _split(result, list(local_id))
            with self.store.transaction():
                self.store.mark_delivered(local_id[i] for i in delivered)
                self.store.mark_rejected({local_id[i]: why for i, why in rejected.items()})
            report.sent += len(wire)
            report.accepted += sum(r.outcome is Outcome.ACCEPTED for r in result.results)
            report.duplicate += sum(r.outcome is Outcome.DUPLICATE for r in result.results)
            report.rejected += len(rejected)

    def _send_followups(self, report: CycleReport) -> None:
        # There is no "rejected" state for answers: one the protocol cannot carry, or one the
        # receiver refuses (an id conflict, only possible if its data was edited), stays pending
        # and is logged, and the loop stops when a round delivers nothing new.
        while not self.should_stop() and (records := self.store.followup_outbox(self.batch_size)):
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
                break
            result = self.client.send_followups(
                FollowupBatch(kiosk_id=self.kiosk_id, answers=answers)
            )
            delivered, rejected = _split(result, list(sendable))
            if rejected:
                log.error("sync: follow-up answers refused: %s", rejected)
            done = self.store.mark_followups_delivered(
                (sendable[k].card_id, sendable[k].answered_at) for k in delivered
            )
            report.followups_sent += len(answers)
            if done == 0:
                break

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


def _split(result: BatchResult, sent_ids: list[str]) -> tuple[list[str], dict[str, str]]:
    """Acknowledged ids and rejected ids with reasons. The answer must cover exactly what was
    sent: anything else is a receiver bug, and nothing is marked."""
    answered = [r.id for r in result.results]
    if sorted(answered) != sorted(sent_ids):
        raise RequestRefused("the receiver's answer does not match the items sent")
    delivered = [r.id for r in result.results if r.outcome is not Outcome.REJECTED]
    rejected = {
        r.id: f"{r.reason or 'rejected'} ({r.code})"
        for r in result.results
        if r.outcome is Outcome.REJECTED
    }
    return delivered, rejected


def _disk_free(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None

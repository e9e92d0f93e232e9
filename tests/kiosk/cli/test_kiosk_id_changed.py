"""IT changes `kiosk_id` (and the token) with cards still pending: they are held, never rejected,
and `kiosk sync --once --as OLD_ID --token-file OLD_TOKEN` delivers them, exactly once."""

from __future__ import annotations

from pathlib import Path

from fake_clock import FakeClock
from kiosk_sync import answer, seed, stored_answers, sync_once, write_config
from receiver_harness import KIOSK_ID, OTHER_KIOSK_ID, OTHER_TOKEN, Receiver

from kiosk.cli.main import main
from kiosk.core.card import Delivery
from kiosk.store.cards import CardStore


def sync_as(config: Path, data_dir: Path, kiosk_id: str, token_file: Path) -> tuple[int, str, str]:
    from click.testing import CliRunner

    result = CliRunner().invoke(
        main,
        ["sync", "--once", "--config", str(config), "--data-dir", str(data_dir),
         "--as", kiosk_id, "--token-file", str(token_file)],
    )  # fmt: skip
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_cards_of_the_old_kiosk_id_are_held_then_sent_as_that_kiosk(
    tmp_path: Path, data_dir: Path, store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    # 200 cards made while this machine was roosevelt-2; one of them has a manager's answer.
    old = seed(store, clock, 200, kiosk_id=OTHER_KIOSK_ID)
    answer(store, old[0], clock(), "Ms. Díaz", "llamé")
    # IT re-provisions it as lincoln-1 with lincoln-1's token, and a visitor leaves a new card.
    new = seed(store, clock, 3, kiosk_id=KIOSK_ID)
    config = write_config(tmp_path, receiver.url)

    code, out, err = sync_once(config, data_dir)
    assert code == 1  # something is left that a person must deliver
    assert out.startswith("sent 3, accepted 3, duplicate 0, rejected 0, still pending 200")
    assert err.count("\n") == 1
    assert f"200 card(s) made under another kiosk id (200 as {OTHER_KIOSK_ID})" in err
    assert f"kiosk sync --once --as {OTHER_KIOSK_ID} --token-file" in err
    assert (store.count(Delivery.PENDING), store.count(Delivery.REJECTED)) == (200, 0)
    assert sorted(receiver.card_ids()) == sorted(new)
    status = store.sync_status(KIOSK_ID)
    assert status.other_kiosks == ((OTHER_KIOSK_ID, 200),)
    assert status.last_error_kind == "other_kiosk" and status.last_success is not None
    # The district sees them too: counted as pending, named in the heartbeat's last error.
    beat = receiver.heartbeat(KIOSK_ID)
    assert beat.pending == 200 and f"200 as {OTHER_KIOSK_ID}" in beat.last_error

    old_token = tmp_path / "roosevelt.token"
    old_token.write_text(OTHER_TOKEN + "\n", encoding="utf-8")
    code, out, err = sync_as(config, data_dir, OTHER_KIOSK_ID, old_token)
    assert (code, err) == (0, "")
    assert out.startswith("sent 200, accepted 200, duplicate 0, rejected 0, still pending 0")
    assert "(follow-up answers pending 0)" in out
    assert sorted(receiver.card_ids()) == sorted(old + new)  # each card once
    assert [card_id for card_id, _ in stored_answers(receiver)] == [old[0]]
    assert store.count(Delivery.DELIVERED) == 203
    # No heartbeat spoke for roosevelt-2, and lincoln-1's status was left to lincoln-1.
    assert receiver.heartbeat(OTHER_KIOSK_ID) is None
    assert store.sync_status(KIOSK_ID).last_error_kind == "other_kiosk"

    code, out, err = sync_once(config, data_dir)  # the kiosk's own next sync: all clear
    assert (code, err) == (0, "")
    assert out.startswith("sent 0, accepted 0, duplicate 0, rejected 0, still pending 0")
    status = store.sync_status(KIOSK_ID)
    assert (status.other_kiosks, status.last_error) == ((), None)


def test_as_needs_a_token_file(tmp_path: Path, data_dir: Path, receiver: Receiver) -> None:
    from click.testing import CliRunner

    config = write_config(tmp_path, receiver.url)
    result = CliRunner().invoke(
        main, ["sync", "--once", "--config", str(config), "--data-dir", str(data_dir),
               "--as", OTHER_KIOSK_ID],
    )  # fmt: skip
    assert result.exit_code == 2 and "--as needs --token-file" in result.stderr


def test_doctor_names_the_held_cards_and_the_command(
    tmp_path: Path, data_dir: Path, store: CardStore, clock: FakeClock, receiver: Receiver
) -> None:
    from click.testing import CliRunner

    seed(store, clock, 5, kiosk_id=OTHER_KIOSK_ID)
    config = write_config(tmp_path, receiver.url)
    args = ["doctor", "--config", str(config), "--data-dir", str(data_dir)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("FAIL  kiosk id"))
    assert (
        f"5 card(s) waiting to be sent were made under another kiosk id (5 as {OTHER_KIOSK_ID})"
        in line
    )
    assert f"`kiosk sync --once --as {OTHER_KIOSK_ID} --token-file FILE`" in result.output
    assert "check(s) failed: kiosk id" in result.output

    old_token = tmp_path / "roosevelt.token"
    old_token.write_text(OTHER_TOKEN + "\n", encoding="utf-8")
    assert sync_as(config, data_dir, OTHER_KIOSK_ID, old_token)[0] == 0
    result = CliRunner().invoke(main, args)
    assert f"OK    kiosk id     every card waiting to be sent is {KIOSK_ID}'s" in result.output

"""Where a report can be saved, found on real folders: a mount table, the kernel's block
devices and a media root written in the test's folder, read by the real PlaceFinder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.core.export_places import (
    PlaceFinder,
    disk_of,
    eject,
    free_name,
    read_mounts,
    report_file_name,
)


@pytest.fixture
def machine(tmp_path: Path) -> PlaceFinder:
    media = tmp_path / "media" / "office"
    media.mkdir(parents=True)
    (tmp_path / "sys").mkdir()
    (tmp_path / "mounts").write_text("/dev/sda2 / ext4 rw 0 0\n", encoding="utf-8")
    return PlaceFinder(
        roots=[media],
        mounts_file=tmp_path / "mounts",
        sys_block=tmp_path / "sys",
        documents=tmp_path / "home" / "Documents",
    )


def mount(finder: PlaceFinder, label: str, device: str, removable: str | None) -> Path:
    point = finder.roots[0] / label
    point.mkdir()
    if removable is not None:
        disk = finder.sys_block / disk_of(device)
        disk.mkdir(exist_ok=True)
        (disk / "removable").write_text(removable + "\n", encoding="utf-8")
    with finder.mounts_file.open("a", encoding="utf-8") as table:
        table.write(f"{device} {str(point).replace(' ', chr(92) + '040')} vfat rw 0 0\n")
    return point


def test_a_stick_under_the_media_root_is_found_with_its_label_and_free_space(
    machine: PlaceFinder,
) -> None:
    point = mount(machine, "FRONT DESK", "/dev/sdb1", "1")
    (stick,) = machine.usb_sticks()
    assert stick.folder == point  # the \040 of the mount table read back as a space
    assert stick.name == "FRONT DESK"
    assert stick.removable and stick.device == "/dev/sdb1"
    assert stick.free_bytes > 0


def test_fixed_disks_and_folders_that_are_not_mounts_are_not_sticks(
    machine: PlaceFinder,
) -> None:
    mount(machine, "BACKUP", "/dev/sdc1", "0")  # a fixed disk mounted under the root
    (machine.roots[0] / "leftover").mkdir()  # an empty folder, nothing mounted on it
    assert machine.usb_sticks() == []


def test_places_list_the_sticks_then_documents_which_is_made_if_missing(
    machine: PlaceFinder,
) -> None:
    mount(machine, "B-STICK", "/dev/sdb1", "1")
    mount(machine, "a-stick", "/dev/mmcblk0p1", "1")
    places = machine.places()
    assert [p.name for p in places] == ["a-stick", "B-STICK", "Documents"]
    assert places[-1].folder.is_dir() and not places[-1].removable


def test_partitions_name_their_disk() -> None:
    assert disk_of("/dev/sdb1") == "sdb"
    assert disk_of("/dev/mmcblk0p1") == "mmcblk0"
    assert disk_of("/dev/nvme0n1p2") == "nvme0n1"


def test_an_unreadable_mount_table_finds_no_stick(tmp_path: Path) -> None:
    assert read_mounts(tmp_path / "no-such-file") == []


def test_the_file_name_says_school_kiosk_and_days() -> None:
    one = report_file_name(
        "Escuela Núñez & Sons", "front-1", date(2026, 12, 1), date(2026, 12, 1), ".csv"
    )
    assert one == "escuela-nunez-sons_front-1_2026-12-01.csv"
    span = report_file_name("Lincoln", "k", date(2026, 11, 1), date(2026, 11, 30), ".pdf")
    assert span == "lincoln_k_2026-11-01_to_2026-11-30.pdf"


def test_a_second_export_never_overwrites_the_first(tmp_path: Path) -> None:
    first = free_name(tmp_path, "report.csv")
    first.write_text("one")
    second = free_name(tmp_path, "report.csv")
    assert second.name == "report (2).csv"


def test_eject_where_there_is_no_udisks_says_it_is_not_possible(machine: PlaceFinder) -> None:
    mount(machine, "STICK", "/dev/sdb1", "1")
    (stick,) = machine.usb_sticks()
    result = eject(stick, udisksctl="no-such-udisksctl-here")
    assert not result.ok and result.reason == "unsupported"

"""Where the manager can save a report: each USB stick plugged in, and the Documents folder.

Qt-free, so the rules are tested on real temporary folders: the mount roots, the mount table
and the kernel's block-device folder are all injected. On Linux a stick is a mount directly
under a removable-media root (``/media/$USER``, ``/run/media/$USER``, ``/media``, ``/mnt``)
whose disk the kernel marks removable or reaches over USB; on Windows, each removable drive.
Ejecting unmounts and powers the stick off through udisks (``udisksctl``), where it exists.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import platformdirs

EJECT_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Place:
    """A folder a report can be written to."""

    folder: Path
    name: str  # what the manager reads: the stick's label, or the folder's name
    free_bytes: int
    removable: bool
    device: str | None = None  # the partition, e.g. /dev/sdb1 (Linux sticks only)


@dataclass(frozen=True)
class Mount:
    device: str
    point: Path


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no entry in the password database (a container)
        return ""


def linux_media_roots() -> list[Path]:
    user = _user()
    roots = [Path("/media") / user, Path("/run/media") / user] if user else []
    return [*roots, Path("/media"), Path("/mnt")]


def read_mounts(mounts_file: Path) -> list[Mount]:
    """The mount table (``/proc/mounts`` format); octal escapes (``\\040`` for a space)
    decoded."""
    try:
        lines = mounts_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        parts = line.split()
        if len(parts) < 2:
            continue
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), parts[1])
        found.append(Mount(parts[0], Path(point)))
    return found


def disk_of(device: str) -> str:
    """The whole disk a partition belongs to: sdb1 -> sdb, mmcblk0p1 -> mmcblk0."""
    name = Path(device).name
    if re.fullmatch(r"(mmcblk|nvme\d+n|loop)\d+p\d+", name):
        return re.sub(r"p\d+$", "", name)
    return re.sub(r"(?<=[a-z])\d+$", "", name)


def is_removable(device: str, sys_block: Path) -> bool:
    """The kernel's word: the disk is removable, or it hangs off a USB bus (USB hard disks
    report removable=0)."""
    disk = sys_block / disk_of(device)
    try:
        if (disk / "removable").read_text().strip() == "1":
            return True
        return "/usb" in str(disk.resolve())
    except OSError:
        return False


def free_bytes(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


@dataclass
class PlaceFinder:
    """Finds the places now; cheap enough to ask every second or two while the sheet is open."""

    roots: Sequence[Path] = field(default_factory=linux_media_roots)
    mounts_file: Path = Path("/proc/mounts")
    sys_block: Path = Path("/sys/block")
    documents: Path | None = None  # None: the platform's Documents folder

    def usb_sticks(self) -> list[Place]:
        if sys.platform == "win32":
            return _windows_removable_drives()
        roots = [Path(os.path.abspath(r)) for r in self.roots]
        sticks: dict[Path, Place] = {}
        for mount in read_mounts(self.mounts_file):
            point = Path(os.path.abspath(mount.point))
            if point in sticks or not mount.device.startswith("/dev/"):
                continue
            if point.parent not in roots or not is_removable(mount.device, self.sys_block):
                continue
            free = free_bytes(point)
            if free is None or not os.access(point, os.W_OK):
                continue
            sticks[point] = Place(point, point.name, free, True, mount.device)
        return sorted(sticks.values(), key=lambda p: p.name.casefold())

    def documents_folder(self) -> Place | None:
        folder = self.documents or Path(platformdirs.user_documents_dir())
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        free = free_bytes(folder)
        return None if free is None else Place(folder, folder.name, free, False)

    def places(self) -> list[Place]:
        """The sticks first (the usual way a report leaves the kiosk), then Documents."""
        documents = self.documents_folder()
        return [*self.usb_sticks(), *([documents] if documents else [])]


def _windows_removable_drives() -> list[Place]:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 (absent from Linux stubs)
    drive_removable = 2
    bitmask = kernel32.GetLogicalDrives()
    found = []
    for i in range(26):
        if not bitmask & (1 << i):
            continue
        root = f"{chr(65 + i)}:\\"
        if kernel32.GetDriveTypeW(root) != drive_removable:
            continue
        label = ctypes.create_unicode_buffer(261)
        kernel32.GetVolumeInformationW(root, label, 261, None, None, None, None, 0)
        free = free_bytes(Path(root))
        if free is not None:
            found.append(Place(Path(root), label.value or root, free, True, root))
    return found


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()


def report_file_name(school: str, kiosk_id: str, first: date, last: date, suffix: str) -> str:
    """E.g. ``lincoln-elementary-school_front-office_2026-11-01_to_2026-11-30.csv``: who, and
    which days, readable in any file list."""
    span = first.isoformat() if first == last else f"{first.isoformat()}_to_{last.isoformat()}"
    parts = [p for p in (_slug(school), _slug(kiosk_id)) if p]
    return "_".join([*parts, span]) + suffix


def free_name(folder: Path, name: str) -> Path:
    """``name`` in ``folder``, or ``name (2)``, ``(3)``...: a second export never overwrites
    the first."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({n}){suffix}"
        n += 1
    return candidate


@dataclass(frozen=True)
class EjectResult:
    ok: bool
    reason: str = ""  # "unsupported" (no way to eject here) or what udisks said


def eject(place: Place, udisksctl: str = "udisksctl") -> EjectResult:
    """Unmount the stick and power it off, so it can be pulled out safely. Slow (the stick's
    cache is flushed first): call it off the GUI thread."""
    tool = shutil.which(udisksctl)
    if sys.platform != "linux" or tool is None or place.device is None:
        return EjectResult(False, "unsupported")
    steps = (
        [tool, "unmount", "--no-user-interaction", "-b", place.device],
        [tool, "power-off", "--no-user-interaction", "-b", "/dev/" + disk_of(place.device)],
    )
    for i, command in enumerate(steps):
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=EJECT_TIMEOUT_SECONDS, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return EjectResult(False, str(exc))
        # Unmounted is what makes pulling it out safe; a refused power-off is no failure.
        if done.returncode != 0 and i == 0:
            return EjectResult(False, (done.stderr or done.stdout).strip())
    return EjectResult(True)

"""Build a smaller libicudata.so.NN for the bundle: ICU's data filtered to what the kiosk needs.

The PySide6 wheel's QtCore links ICU, whose data library (libicudata.so.73, 32 MB) holds one
exported symbol, icudtNN_dat: a common data package (.dat) with every locale's data. QtCore calls
ICU only for collation, converters, locale-aware case mapping and time zone names; the kiosk
speaks English and Spanish. So, as Qt's and ICU's docs advise for embedded targets (and as
Chromium does with its filtered icudtl.dat), this keeps root and the app's languages and drops:

- every other locale's .res in every tree (locale data, collation, zone, currency, language,
  region and unit names, spell-out rules): ICU then falls back to root, as for any locale it
  does not know; Qt's own QLocale formatting (dates, numbers) does not use ICU data at all;
- the break iterator dictionaries (CJK, Thai, Lao, Khmer, Burmese): ICU's break iterators then
  use rules only for those scripts; Qt breaks lines and words with its own tables, not ICU's;
- the transliterators (translit/), which Qt never calls.

Everything else stays: all converters, time zone data, normalisation, properties, break rules.

Called by build.spec at build time (Linux); needs `icupkg` (icu-devtools) and `gcc`, both in
scripts/dev.sh's system packages. Also runnable by hand:

    python scripts/icu_trim.py .venv/lib/python3.11/site-packages/PySide6/Qt/lib/libicudata.so.73 \
        build/icu en es
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

# A locale's .res: language code, then optional _Script/_REGION/_variant ("es_419", "en_US_POSIX").
# Other .res items (root, pool, zoneinfo64, metaZones, supplementalData, ...) never match this,
# except each tree's index of locales, res_index.res, which is kept.
LOCALE_RES = re.compile(r"^(?:.+/)?(?!res_index\.res$)([a-z]{2,3})(?:_\w*)?\.res$")
# Removed without ICU's dependency check: brkitr/root.res names the dictionaries, and ICU's
# break iterator treats a missing one as "no dictionary for this script" (rules only).
DICTIONARY = re.compile(r"^brkitr/\w+\.dict$")
UNUSED_TREES = re.compile(r"^translit/")
# Must survive the cut, or something Qt calls would silently fall back (checked after icupkg).
REQUIRED = (
    "root.res",
    "zoneinfo64.res",
    "metaZones.res",
    "timezoneTypes.res",
    "windowsZones.res",
    "cnvalias.icu",
    "coll/ucadata.icu",
    "coll/root.res",
    "zone/root.res",
    "brkitr/line.brk",
)


def common_data(library: Path) -> tuple[str, bytes]:
    """The name and bytes of the icudtNN_dat symbol in an ELF64 little-endian library.

    Read with struct from the section headers and .dynsym, to add no build dependency.
    """
    elf = library.read_bytes()
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError(f"{library}: not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", elf, 0x28)  # e_shoff
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)  # e_shentsize, e_shnum
    # (sh_type, sh_addr, sh_offset, sh_size, sh_link) of each section
    at = range(shoff, shoff + shnum * shentsize, shentsize)
    sections = [struct.unpack_from("<4xI8xQQQI", elf, pos) for pos in at]
    dynsym = next(s for s in sections if s[0] == 11)  # SHT_DYNSYM
    strtab = sections[dynsym[4]]
    for pos in range(dynsym[2], dynsym[2] + dynsym[3], 24):
        name_at, _, _, _, value, size = struct.unpack_from("<IBBHQQ", elf, pos)
        start = strtab[2] + name_at
        name = elf[start : elf.index(b"\0", start)].decode()
        if re.fullmatch(r"icudt\d+_dat", name) and size:
            # The section (with contents: not SHT_NOBITS) holding the symbol's address gives
            # its place in the file.
            section = next(s for s in sections if s[0] != 8 and s[1] <= value < s[1] + s[3])
            offset = section[2] + value - section[1]
            return name, elf[offset : offset + size]
    raise ValueError(f"{library}: no icudtNN_dat symbol")


def removals(items: list[str], languages: set[str]) -> tuple[list[str], list[str]]:
    """(items removed with ICU's dependency check, dictionaries removed without it)."""
    checked, unchecked = [], []
    for item in items:
        locale = LOCALE_RES.match(item)
        if DICTIONARY.match(item):
            unchecked.append(item)
        elif UNUSED_TREES.match(item) or (locale and locale.group(1) not in languages):
            checked.append(item)
    return checked, unchecked


def icupkg(*args: str | Path) -> str:
    result = subprocess.run(["icupkg", *map(str, args)], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"icupkg {' '.join(map(str, args))}: {result.stderr.strip()}")
    return result.stdout


def trim(library: Path, work: Path, languages: set[str]) -> Path:
    """Write work/<library name>: the same SONAME and symbol, with the filtered data."""
    for tool in ("icupkg", "gcc"):
        if not shutil.which(tool):
            raise RuntimeError(f"{tool} not found; run `bash scripts/dev.sh setup` (installs it)")
    symbol, data = common_data(library)
    work.mkdir(parents=True, exist_ok=True)
    # icupkg names the items inside a package after its file name: keep ICU's (icudt73l.dat).
    package = f"{symbol.removesuffix('_dat')}l.dat"
    (work / "full").mkdir(exist_ok=True)
    (work / "full" / package).write_bytes(data)
    checked, unchecked = removals(icupkg("-l", work / "full" / package).split(), languages)
    (work / "remove.txt").write_text("\n".join(checked) + "\n", encoding="utf-8")
    (work / "remove-dict.txt").write_text("\n".join(unchecked) + "\n", encoding="utf-8")
    (work / "step").mkdir(exist_ok=True)
    icupkg("-r", work / "remove.txt", work / "full" / package, work / "step" / package)
    icupkg("--ignore-deps", "-r", work / "remove-dict.txt", work / "step" / package, work / package)
    left = set(icupkg("--ignore-deps", "-l", work / package).split())
    missing = [item for item in REQUIRED if item not in left]
    missing += [f"{lang}.res" for lang in sorted(languages) if f"{lang}.res" not in left]
    if missing:
        raise RuntimeError(f"trimmed ICU data lacks {missing}")

    # A data-only shared library like ICU's own: the package as one read-only symbol, aligned
    # as ICU expects (16), no code and no libc.
    asm = work / "icudata.S"
    asm.write_text(
        f"""\t.section .rodata
\t.globl {symbol}
\t.type {symbol}, %object
\t.balign 16
{symbol}:
\t.incbin "{package}"
\t.size {symbol}, . - {symbol}
\t.section .note.GNU-stack, "", %progbits
""",
        encoding="utf-8",
    )
    out = work / library.name
    subprocess.run(
        ["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-Wl,--build-id=sha1",
         "-o", out.name, asm.name],
        cwd=work, check=True,
    )  # fmt: skip
    if common_data(out) != (symbol, (work / package).read_bytes()):
        raise RuntimeError(f"{out}: symbol {symbol} does not hold the trimmed package")
    return out


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    built = trim(Path(sys.argv[1]), Path(sys.argv[2]), set(sys.argv[3:]))
    print(f"{built}: {built.stat().st_size / 1e6:.1f} MB")

#!/usr/bin/env bash
# One entry point for a new machine: sets everything up, then runs what was asked.
#   scripts/dev.sh demo   set up, then start the kiosk on the demo configuration (windowed)
#   scripts/dev.sh test   set up, then run linters, type checks and the whole test suite
#   scripts/dev.sh setup  set up only (system packages, .venv, pip packages, compiled translations)
#   scripts/dev.sh build  set up, then build the PyInstaller bundle into dist/kiosk
#   scripts/dev.sh server-only  install the district server alone in .venv-district and test it
#   scripts/dev.sh district-demo  set up, then start the district server seeded, on 127.0.0.1
#   scripts/dev.sh district-translations  refresh the web pages' .po files from the sources
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${KIOSK_VENV:-$ROOT/.venv}
SERVER_VENV=${DISTRICT_VENV:-$ROOT/.venv-district}
PY=${PYTHON:-python3}

# Shared libraries Qt's xcb and offscreen platforms load, poppler for reading PDFs back in tests,
# PostgreSQL for the receiver's tests, chromium for the district pages' browser tests, Xvfb so the
# demo also runs on a machine with no screen (x11vnc, optional, shows it: DEMO_VNC=1).
# For the bundle: binutils (readelf), and icupkg with gcc to build the trimmed ICU data library.
APT_PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
  libxcb-image0 libxcb-xinerama0 poppler-utils postgresql chromium xvfb xauth
  binutils gcc icu-devtools espeak-ng)

install_system_packages() {
  command -v dpkg-query >/dev/null || { echo "setup: not a Debian-like system; install Qt's libraries by hand (see README)"; return; }
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

setup() {
  install_system_packages
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  # pip runs again only when pyproject.toml changed since the last install.
  local stamp="$VENV/.installed-$(sha1sum pyproject.toml | cut -c1-12)"
  if [ ! -e "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[server,dev]"
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
  build_translations
}

build_translations() {
  mkdir -p kiosk/locale
  for ts in translations/*.ts; do
    [ -e "$ts" ] || continue
    "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "kiosk/locale/$(basename "${ts%.ts}").qm"
  done
}

run_tests() {
  "$VENV/bin/ruff" check .
  "$VENV/bin/ruff" format --check .
  "$VENV/bin/mypy"
  QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest -n 2 "$@"
}

# The district server as a district installs it (README, "The district server"): a virtualenv
# with only `pip install ./district` (plus the test tools), where PySide6 must not import, the
# receiver's own tests must pass against the installed copy (run from outside the tree, so the
# sources are not on sys.path), and the installed command must serve its OpenAPI document.
server_only() {
  local install
  install=$(awk '/^### The district server/ {on = 1} on && /^pip install / {print; exit}' README.md)
  [ -n "$install" ] || { echo "server-only: no 'pip install' line under README's 'The district server'"; exit 1; }
  [ -x "$SERVER_VENV/bin/python" ] || "$PY" -m venv "$SERVER_VENV"
  echo "server-only: $install"
  # The README's line as it stands (pip reinstalls a local folder every time), then the test tools.
  "$SERVER_VENV/bin/python" -m $install -q --disable-pip-version-check
  "$SERVER_VENV/bin/python" -m pip install -q --disable-pip-version-check "./district[test]"
  rm -rf district/build
  local outside
  outside=$(mktemp -d)
  for forbidden in PySide6 kiosk sqlite_utils fontpkg_atkinson_hyperlegible; do
    if (cd "$outside" && "$SERVER_VENV/bin/python" -c "import $forbidden" 2>/dev/null); then
      echo "server-only: $forbidden is importable where only the district server was installed"
      exit 1
    fi
  done
  (cd "$outside" && "$SERVER_VENV/bin/pytest" -c "$ROOT/district/pyproject.toml" \
    --rootdir "$ROOT" --confcutdir "$ROOT" -q -p no:cacheprovider "$ROOT/tests/district")
  rmdir "$outside"
}

demo() {
  local args=(run --config assets/demo.toml --data-dir "$ROOT/demo-data" --windowed)
  # A month of made-up cards, so the manager area has something to show.
  [ -e "$ROOT/demo-data/cards.db" ] ||
    "$VENV/bin/kiosk" seed --config assets/demo.toml --data-dir "$ROOT/demo-data" --cards 600 --days 30
  echo "demo: Lincoln Elementary School. Staff area: hold the top-left corner for 3 seconds, or press"
  echo "  Ctrl+Alt+Shift+M; the manager PIN is 1234. Ctrl+C here stops the kiosk."
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    headless_demo "${args[@]}" "$@"
    return
  fi
  exec "$VENV/bin/kiosk" "${args[@]}" "$@"
}

# No screen here: the kiosk runs on a virtual one (Xvfb), seen through VNC when DEMO_VNC=1.
# Xvfb runs in a session of its own, so Ctrl+C reaches only the kiosk, and it stops after the
# kiosk has (stopped first, it would take the kiosk's display away from under it).
headless_demo() {
  local scratch xvfb vnc="" display status
  scratch=$(mktemp -d)
  mkfifo "$scratch/display"
  setsid Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$scratch/display" \
    >"$scratch/xvfb.log" 2>&1 &
  xvfb=$!
  # Xvfb writes its display number once it takes connections.
  read -r display <"$scratch/display" || { cat "$scratch/xvfb.log"; kill "$xvfb"; exit 1; }
  echo "demo: no screen here, so the kiosk runs on a virtual one (display :$display), unseen."
  echo "  To see every screen as pictures: .venv/bin/kiosk snapshot --config assets/demo.toml" \
    "--out shots/  (writes shots/<screen>-<lang>.png)"
  if [ "${DEMO_VNC:-}" = 1 ]; then
    if command -v x11vnc >/dev/null; then
      setsid x11vnc -display ":$display" -localhost -nopw -forever -quiet -rfbport 5900 \
        >"$scratch/vnc.log" 2>&1 &
      vnc=$!
      echo "  To use it live: a VNC viewer on this machine, to localhost:5900 (ssh -L 5900:localhost:5900" \
        "from another one)."
    else
      echo "  DEMO_VNC=1 needs x11vnc (sudo apt-get install x11vnc)."
    fi
  else
    echo "  To use it live: DEMO_VNC=1 bash scripts/dev.sh demo, then a VNC viewer to localhost:5900."
  fi
  set +e
  DISPLAY=":$display" "$VENV/bin/kiosk" "$@"  # not exec: Xvfb stops after it
  status=$?
  [ -z "$vnc" ] || kill "$vnc" 2>/dev/null
  kill "$xvfb" 2>/dev/null
  wait "$xvfb" 2>/dev/null
  rm -rf "$scratch"
  exit "$status"
}

# The district server on the embedded default (SQLite in district-demo/), seeded with a small
# district (kiosk-receiver seed), one person per role, the demo kiosk at Lincoln with its token
# and a reading tool's token (district-demo/reports.token), on 127.0.0.1 only.
district_demo() {
  local dir="$ROOT/district-demo" port=${DISTRICT_DEMO_PORT:-8080}
  local db="sqlite:///$dir/district.db" bin="$VENV/bin/kiosk-receiver"
  local password="demo-password-2026"
  if [ ! -e "$dir/district.db" ]; then
    mkdir -p "$dir"
    rm -f "$dir/fleet.json"  # the seeded kiosks' parts and tokens: made again for a new seed
    # A district of 24 schools with a year of cards (some kiosks offline, follow-ups overdue).
    "$bin" seed --database "$db" --schools 24 --kiosks 72 --cards 80000 --days 400
    printf '%s\n' "$password" >"$dir/password"
    "$bin" first-admin demo-admin --password-file "$dir/password" --database "$db"
    "$bin" user add principal.lincoln --role school --school lincoln-elem \
      --password-file "$dir/password" --database "$db"
    "$bin" user add viewer.district --role viewer --password-file "$dir/password" --database "$db"
    rm "$dir/password"
    "$bin" kiosk add lincoln-front-office --school lincoln-elem --label "Front office" \
      --database "$db"
    (umask 077 && "$bin" token issue --kiosk lincoln-front-office --database "$db" \
      >"$dir/lincoln-front-office.token")
    (umask 077 && "$bin" token issue --tool reports --database "$db" \
      >"$dir/reports.token")
    { cat assets/demo.toml
      printf '\n[sync]\nendpoint = "http://127.0.0.1:%s"\ntoken_file = "%s"\n' \
        "$port" "$dir/lincoln-front-office.token"; } >"$dir/kiosk.toml"
  fi
  if [ -e "$dir/tokens.toml" ]; then  # a demo made before tokens moved into the database
    "$bin" import-tokens "$dir/tokens.toml" --school lincoln-elem --database "$db"
    rm "$dir/tokens.toml"
  fi
  echo "district-demo: http://127.0.0.1:$port/  (sign in as demo-admin, password $password;"
  echo "  also principal.lincoln (school) and viewer.district (viewer), same password)"
  echo "  the kiosk demo syncs to it: .venv/bin/kiosk run --config district-demo/kiosk.toml" \
    "--data-dir demo-data --windowed"
  echo "  the seeded kiosks meant to be online keep sending heartbeats (district/demo_fleet.py)"
  "$bin" serve --database "$db" --host 127.0.0.1 --port "$port" --log-level warning &
  DEMO_SERVER=$!
  # Nothing else calls as the seeded kiosks: without this they all drift to Offline.
  "$VENV/bin/python" -m district.demo_fleet --database "$db" --endpoint "http://127.0.0.1:$port" \
    --plan "$dir/fleet.json" &
  DEMO_KIOSKS=$!
  trap 'kill "$DEMO_SERVER" "$DEMO_KIOSKS" 2>/dev/null || true' EXIT INT TERM
  wait "$DEMO_SERVER"
}

cmd=${1:-}
shift || true
case "$cmd" in
  setup) setup ;;
  demo) setup; demo "$@" ;;
  test) setup; run_tests "$@"; server_only ;;
  server-only) server_only ;;
  district-demo) setup; district_demo ;;
  build) setup; "$VENV/bin/pyinstaller" --noconfirm --clean build.spec ;;
  translations)  # refresh translations/*.ts from the sources (then translate new strings in Linguist)
    "$VENV/bin/pyside6-lupdate" $(find kiosk -name '*.py' | sort) -locations none -no-obsolete \
      -ts translations/kiosk_es.ts
    build_translations ;;
  district-translations)  # refresh the web pages' .po files from the sources (then translate)
    (cd district/web && "$VENV/bin/pybabel" -q extract -F babel.cfg -k N_ --no-location \
        --omit-header -w 100 -o messages.pot . &&
      "$VENV/bin/pybabel" -q update -i messages.pot -d locale -D messages -w 100 \
        --no-fuzzy-matching --ignore-obsolete &&
      rm messages.pot) ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac

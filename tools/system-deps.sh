#!/usr/bin/env bash
# Installs the system libraries that Qt 6 (PySide6 wheels) needs on Debian and Ubuntu, Xvfb for
# running the kiosk on a machine without a display, and Python's venv module where Debian keeps it
# apart; with --test also what the tests drive the kiosk with (never on a kiosk machine: a window
# manager installed there would become its X session's default). Does nothing when everything is
# present; --list prints the packages instead (the Ansible role installs the same ones).
# Usage: tools/system-deps.sh [--test] [--list] [PYTHON]
set -euo pipefail
with_test_tools=false
list_only=false
while [[ ${1:-} == --* ]]; do
  case $1 in
    --test) with_test_tools=true ;;
    --list) list_only=true ;;
    *) echo "usage: tools/system-deps.sh [--test] [--list] [PYTHON]" >&2; exit 2 ;;
  esac
  shift
done
python=${1:-python3}

packages=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-shm0
  libxcb-sync1 libxcb-xfixes0 fontconfig xvfb xauth
  # Qt Multimedia (narrations): its library links PulseAudio's client, its FFmpeg plugin X11's
  # RandR and Xext, FFmpeg's own libraries libdrm, bzip2 and zlib. No sound server is needed:
  # without one a narration plays silently, its captions in time.
  libpulse0 libxrandr2 libxext6 libdrm2 libbz2-1.0 zlib1g
  # Qt Multimedia 6.11 looks for PipeWire as it loads, and warns in the log where it is missing.
  libpipewire-0.3-0
  # The kiosk's own words with an X11 window manager (xcffib loads libxcb).
  libxcb1
  # Qt's Wayland platform, for a kiosk under a Wayland compositor such as cage.
  libwayland-cursor0
  # Following a content repository: git fetches it, ssh-keygen checks its commits' signatures.
  git openssh-client
)
# The display fault tests: a real window manager on Xvfb, and keys and desktop switches sent to it
# as a visitor's keyboard or a pager would (tests/faults/test_display.py).
# The fleet's alert rules and scrape configuration, checked by promtool and run by a real
# Prometheus server that the tests start on loopback (tests/deploy). On a machine that runs
# systemd the package also enables its own service on port 9090, which the tests do not use.
test_packages=(openbox xdotool wmctrl prometheus)
# systemd-analyze checks the systemd unit of the watchdog (tests/app/test_health.py).
test_packages+=(systemd)
# The visitor report is opened offline in a real browser, and its screenshot looked at
# (tests/analytics/test_report_in_a_browser.py).
test_packages+=(chromium)
# The 1933 exhibit's film is checked against its script: eSpeak NG speaks the script again, and
# ffprobe reads the film's tracks and length (tests/test_film.py); FFmpeg also makes the looping
# clip of tools/bench_video.py.
test_packages+=(ffmpeg espeak-ng)
# The Debian packages are built with dpkg-deb (in dpkg), checked with lintian and installed into a
# fresh Debian 12 root made by debootstrap (tests/deploy/test_deb.py).
test_packages+=(lintian debootstrap)
# The frozen kiosk's folder is built by PyInstaller, which reads libraries with binutils' objdump
# and objcopy (tests/deploy/test_frozen.py).
test_packages+=(binutils)
# A film's sound, its language's track and its described sound file are played to a real sound
# server with a null sink, started for the test (tests/gui/test_with_a_sound_device.py): the rest
# of the suite runs without sound, as a kiosk with its speaker unplugged does.
test_packages+=(pulseaudio)
if $with_test_tools; then
  packages+=("${test_packages[@]}")
fi

if $list_only; then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

# Debian and Ubuntu ship Python without ensurepip, which `python -m venv` needs.
if ! "$python" -c 'import ensurepip' >/dev/null 2>&1; then
  version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  packages+=("python$version-venv")
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian-based system; install the equivalents of: ${packages[*]}" >&2
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "system-deps: missing packages, and no root or sudo to install them:" >&2
  echo "  apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

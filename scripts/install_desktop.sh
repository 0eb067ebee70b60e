#!/bin/sh
# Put Briefing Explorer in the desktop's application menu: the desktop entry, the icon in every size and
# the AppStream metadata, under PREFIX (default ~/.local/share). With a built bundle (dist/), also a
# `briefing-explorer` command in ~/.local/bin that starts it.
#
#   sh scripts/install_desktop.sh [PREFIX]
set -eu

cd "$(dirname "$0")/.."
PREFIX="${1:-${XDG_DATA_HOME:-$HOME/.local/share}}"

install -D -m 644 packaging/briefing-explorer.desktop "$PREFIX/applications/briefing-explorer.desktop"
install -D -m 644 packaging/io.github.briefing_explorer.metainfo.xml \
    "$PREFIX/metainfo/io.github.briefing_explorer.metainfo.xml"
install -D -m 644 assets/icons/briefing-explorer.svg "$PREFIX/icons/hicolor/scalable/apps/briefing-explorer.svg"
for size in 16 24 32 48 64 128 256 512; do
    install -D -m 644 "assets/icons/briefing-explorer-$size.png" \
        "$PREFIX/icons/hicolor/${size}x${size}/apps/briefing-explorer.png"
done
if [ -x dist/briefing-explorer/briefing-explorer ] && [ $# -eq 0 ]; then
    mkdir -p "$HOME/.local/bin"
    ln -sf "$(pwd)/dist/briefing-explorer/briefing-explorer" "$HOME/.local/bin/briefing-explorer"
    echo "linked ~/.local/bin/briefing-explorer to the bundle"
fi
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$PREFIX/applications" || true
echo "installed the desktop entry, icons and metadata under $PREFIX"

#!/bin/sh
# Install kiwoom-ticket for the current user, no root needed.
#
#   ./install.sh                      install under ~/.local
#   ./install.sh --prefix DIR         install under DIR instead (DIR/opt, DIR/bin, DIR/share)
#   ./install.sh --uninstall          remove it again (also works from the installed copy:
#                                     ~/.local/opt/kiwoom-ticket/install.sh --uninstall)
#
# Puts the app in PREFIX/opt/kiwoom-ticket, a link in PREFIX/bin, a menu entry in
# PREFIX/share/applications and icons in PREFIX/share/icons/hicolor.
# Uninstalling never touches the order journal or settings: they live elsewhere.
set -eu

APP=kiwoom-ticket
SIZES="16 24 32 48 64 128 256 512"
HERE=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)

die() {
    printf 'install.sh: %s\n' "$*" >&2
    exit 1
}

usage() {
    # The comment block at the top of this file is the help text.
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
}

ACTION=install
PREFIX=
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix)
            [ $# -ge 2 ] || die "--prefix needs a folder"
            PREFIX=$2
            shift 2
            ;;
        --prefix=*)
            PREFIX=${1#--prefix=}
            shift
            ;;
        --uninstall)
            ACTION=uninstall
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *) die "unknown option: $1 (try --help)" ;;
    esac
done

if [ -z "$PREFIX" ]; then
    # The installed copy sits in PREFIX/opt/kiwoom-ticket: uninstall from where it was put.
    case "$HERE" in
        */opt/"$APP")
            if [ "$ACTION" = uninstall ] && [ -x "$HERE/$APP" ]; then
                PREFIX=$(dirname -- "$(dirname -- "$HERE")")
            fi
            ;;
    esac
fi
[ -n "$PREFIX" ] || PREFIX="${HOME:?HOME is not set}/.local"
case "$PREFIX" in
    /*) ;;
    *) PREFIX="$(pwd)/$PREFIX" ;;
esac

OPT="$PREFIX/opt/$APP"
BIN="$PREFIX/bin/$APP"
DESKTOP="$PREFIX/share/applications/$APP.desktop"
ICONS="$PREFIX/share/icons/hicolor"

icon_paths() {
    for size in $SIZES; do
        printf '%s\n' "$ICONS/${size}x${size}/apps/$APP.png"
    done
    printf '%s\n' "$ICONS/scalable/apps/$APP.svg"
}

refresh_icon_cache() {
    # Only refresh a cache that exists: creating one in a user folder would hide icons that
    # other programs add later without refreshing it.
    touch "$ICONS" 2>/dev/null || true
    if [ -f "$ICONS/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t -f "$ICONS" 2>/dev/null || true
    fi
}

do_install() {
    [ -x "$HERE/$APP/$APP" ] || die "run this from the unpacked kiwoom-ticket archive ($HERE/$APP/$APP is missing)"
    # The menu entry quotes the path; refuse characters the .desktop Exec rules would mangle.
    case "$OPT" in
        *'"'* | *'`'* | *'$'* | *'\'* | *'
'*) die "the install folder must not contain \" \` \$ \\ or a newline: $OPT" ;;
    esac
    if [ -e "$OPT" ] && [ ! -x "$OPT/$APP" ]; then
        die "$OPT exists but is not a kiwoom-ticket install; move it away first"
    fi
    if [ -e "$BIN" ] && [ ! -L "$BIN" ]; then
        die "$BIN exists and is not a link made by this installer; move it away first"
    fi

    mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$PREFIX/share/applications"
    staging="$PREFIX/opt/.$APP.new.$$"
    rm -rf "$staging"
    cp -R "$HERE/$APP" "$staging"
    cp "$HERE/install.sh" "$staging/install.sh"
    chmod 755 "$staging/install.sh" "$staging/$APP"
    if [ -e "$OPT" ]; then
        old="$PREFIX/opt/.$APP.old.$$"
        mv "$OPT" "$old"
        mv "$staging" "$OPT"
        rm -rf "$old"
    else
        mv "$staging" "$OPT"
    fi

    rm -f "$BIN"
    ln -s "$OPT/$APP" "$BIN"

    for size in $SIZES; do
        mkdir -p "$ICONS/${size}x${size}/apps"
        cp "$HERE/icons/$APP-$size.png" "$ICONS/${size}x${size}/apps/$APP.png"
    done
    mkdir -p "$ICONS/scalable/apps"
    cp "$HERE/icons/$APP.svg" "$ICONS/scalable/apps/$APP.svg"

    # Point Exec/TryExec at the installed binary so the menu works without PREFIX/bin on PATH.
    awk -v exe="$OPT/$APP" '
        /^Exec=/    { print "Exec=\"" exe "\""; next }
        /^TryExec=/ { print "TryExec=" exe; next }
        { print }
    ' "$HERE/$APP.desktop" >"$DESKTOP.tmp"
    mv "$DESKTOP.tmp" "$DESKTOP"
    chmod 644 "$DESKTOP"
    refresh_icon_cache

    echo "Installed kiwoom-ticket in $OPT"
    echo "  menu entry: $DESKTOP"
    echo "  command:    $BIN"
    case ":${PATH:-}:" in
        *":$PREFIX/bin:"*) ;;
        *) echo "  note: $PREFIX/bin is not on your PATH; start it from the menu or by full path" ;;
    esac
    echo "Uninstall: $OPT/install.sh --uninstall"
}

do_uninstall() {
    if [ -L "$BIN" ]; then
        target=$(readlink "$BIN")
        if [ "$target" = "$OPT/$APP" ]; then
            rm -f "$BIN"
        else
            echo "left $BIN alone: it points to $target, not this install"
        fi
    fi
    rm -f "$DESKTOP"
    icon_paths | while IFS= read -r icon; do rm -f "$icon"; done
    refresh_icon_cache
    if [ -e "$OPT" ]; then
        [ -x "$OPT/$APP" ] || die "$OPT does not look like a kiwoom-ticket install; not removing it"
        rm -rf "$OPT"
    fi
    rmdir "$PREFIX/opt" 2>/dev/null || true
    echo "Removed kiwoom-ticket from $PREFIX."
    echo "Your order journal and settings were not touched."
}

case "$ACTION" in
    install) do_install ;;
    uninstall) do_uninstall ;;
esac

"""What the frozen bundle leaves out: Qt parts and system libraries the ticket never uses.

kiwoom-ticket.spec filters PyInstaller's Analysis through `keep()`. The rules live here, not
in the spec, so tests can check them without building. Names are bundle-relative destination
paths as PyInstaller writes them (e.g. "PySide6/Qt/plugins/platforms/libqxcb.so").

Kept on purpose: platforms xcb, wayland*, offscreen; xcbglintegrations; platforminputcontexts
(ibus/compose: Korean input); wayland-* client plugins; imageformats; qtbase_ko/qtbase_en.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Linux and macOS wheels put Qt under PySide6/Qt/; Windows wheels directly under PySide6/.
QT_PLUGINS = r"PySide6/(?:Qt/)?plugins/"
QT_TRANSLATIONS = r"PySide6/(?:Qt/)?translations/"

# Qt platform plugins that are for embedded boards or remote desktops, not a trader's PC.
_DROPPED_PLATFORMS = ("eglfs", "linuxfb", "vnc", "minimal", "minimalegl", "vkkhrdisplay")

DROPPED_PATTERNS: tuple[str, ...] = (
    # GTK platform theme: drags in GTK, cairo, pango, harfbuzz; Qt's own Fusion style is used.
    QT_PLUGINS + r"platformthemes/libqgtk3\.so$",
    QT_PLUGINS + r"platforms/(?:lib)?q(?:" + "|".join(_DROPPED_PLATFORMS) + r")\.(?:so|dll|dylib)$",
    QT_PLUGINS + r"egldeviceintegrations/",
    # Touch/evdev input, network reachability and Qt's TLS backends: unused (HTTP is `requests`).
    QT_PLUGINS + r"generic/",
    QT_PLUGINS + r"networkinformation/",
    QT_PLUGINS + r"tls/",
    # Any Qt translation that is not Korean or English (kept ones are matched in keep()).
    QT_TRANSLATIONS + r".*\.qm$",
    # QtNetwork is collected only through PySide6/__init__'s guarded import. Qt libraries
    # match anywhere: PyInstaller adds top-level links to the copies in PySide6/Qt/lib.
    r"PySide6/QtNetwork\.",
    r"(?:lib)?Qt6Network\.(?:so|dll)",
    r"QtNetwork\.framework/",
    # Windows: Mesa's software OpenGL (20 MB), Qt's fallback for OpenGL/Qt Quick where the
    # GPU driver has none. The ticket draws with QPainter (raster) only, no OpenGL widget.
    r"opengl32sw\.dll",
    # Only the dropped eglfs platform uses these.
    r"libQt6EglFS\w*\.so",
    r"libQt6EglFsKms\w*\.so",
    # The GTK theme's libraries (top-level, from the build machine) and what only they need.
    r"lib(gtk|gdk)-3\.so",
    r"libgdk_pixbuf-2\.0\.so",
    r"libatk(-bridge)?-\d\.\d\.so",
    r"libatspi\.so",
    r"libcairo(-gobject)?\.so",
    r"libpango(cairo|ft2)?-1\.0\.so",
    r"libharfbuzz\.so",
    r"libfribidi\.so",
    r"libthai\.so",
    r"libdatrie\.so",
    r"libepoxy\.so",
    r"libpixman-1\.so",
    r"libXcomposite\.so",
    r"libXdamage\.so",
    r"libXinerama\.so",
    r"libXrandr\.so",
    r"libXcursor\.so",
    r"libXi\.so",
    r"libcloudproviders\.so",
    r"libtinysparql-3\.0\.so|libtracker-sparql-3\.0\.so",
    r"libcolord\.so",
    r"liblcms2\.so",
    r"libjson-glib-1\.0\.so",
    r"libgraphite2\.so",
    # Pulled in for the GTK theme and QtNetwork only (Kerberos auth, GIO): nothing we keep
    # links to them. elfcheck fails the build if that ever stops being true.
    r"libgio-2\.0\.so",
    r"libgmodule-2\.0\.so",
    r"libgobject-2\.0\.so",
    r"libmount\.so",
    r"libblkid\.so",
    r"libselinux\.so",
    r"libgssapi_krb5\.so",
    r"libkrb5(support)?\.so",
    r"libk5crypto\.so",
    r"libcom_err\.so",
    r"libkeyutils\.so",
)

KEPT_TRANSLATIONS = re.compile(QT_TRANSLATIONS + r"qtbase_(?:ko|en)\.qm$")

_DROPPED = re.compile("|".join(f"(?:^|/)(?:{p})" for p in DROPPED_PATTERNS))


def normalise(dest_name: str) -> str:
    # PyInstaller uses os.sep in destination names; on Windows that is a backslash.
    return dest_name.replace("\\", "/")


def keep(dest_name: str) -> bool:
    """True when the file belongs in the bundle."""
    name = normalise(dest_name)
    if KEPT_TRANSLATIONS.search(name):
        return True
    return _DROPPED.search(name) is None


def filter_toc(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Keep the (dest_name, source, typecode) entries that `keep()` accepts."""
    return [entry for entry in entries if keep(entry[0])]


def dropped(entries: Iterable[tuple[str, str, str]]) -> list[str]:
    return sorted(entry[0] for entry in entries if not keep(entry[0]))

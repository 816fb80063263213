"""What the spec's filter keeps and drops (packaging/trim.py), checked without building."""

from __future__ import annotations

import re

import pytest
from packaging_helpers import ROOT, load_packaging_module

trim = load_packaging_module("trim")
PLUGINS = "PySide6/Qt/plugins/"

KEPT = [
    PLUGINS + "platforms/libqxcb.so",
    PLUGINS + "platforms/libqwayland.so",
    PLUGINS + "platforms/libqoffscreen.so",
    PLUGINS + "xcbglintegrations/libqxcb-glx-integration.so",
    PLUGINS + "platforminputcontexts/libibusplatforminputcontextplugin.so",
    PLUGINS + "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    PLUGINS + "wayland-shell-integration/libxdg-shell.so",
    PLUGINS + "imageformats/libqsvg.so",
    PLUGINS + "platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/translations/qtbase_ko.qm",
    "PySide6/Qt/translations/qtbase_en.qm",
    "PySide6/Qt/lib/libQt6Gui.so.6",
    "libQt6Widgets.so.6",
    "libglib-2.0.so.0",
    "libfontconfig.so.1",
    "libxkbcommon.so.0",
    "libdbus-1.so.3",
    "resources/fonts/NanumGothic.ttf",
    "certifi/cacert.pem",
    "keyring-25.7.0.dist-info/entry_points.txt",
    "kiwoom_ticket/simulator/data/stocks.json",
    "kiwoom_ticket/domain/data/kiwoom_errors.tsv",
]

DROPPED = [
    PLUGINS + "platformthemes/libqgtk3.so",
    PLUGINS + "platforms/libqeglfs.so",
    PLUGINS + "platforms/libqlinuxfb.so",
    PLUGINS + "platforms/libqvnc.so",
    PLUGINS + "platforms/libqminimal.so",
    PLUGINS + "platforms/libqminimalegl.so",
    PLUGINS + "egldeviceintegrations/libqeglfs-kms-integration.so",
    PLUGINS + "generic/libqevdevtouchplugin.so",
    PLUGINS + "networkinformation/libqnetworkmanager.so",
    PLUGINS + "tls/libqopensslbackend.so",
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/translations/qt_ko.qm",
    "PySide6/Qt/translations/qtwebengine_ko.qm",
    "PySide6/QtNetwork.abi3.so",
    "PySide6/Qt/lib/libQt6Network.so.6",
    "libQt6Network.so.6",
    "libQt6EglFSDeviceIntegration.so.6",
    "libgtk-3.so.0",
    "libgdk-3.so.0",
    "libcairo.so.2",
    "libpango-1.0.so.0",
    "libharfbuzz.so.0",
    "libgio-2.0.so.0",
    "libgssapi_krb5.so.2",
]


@pytest.mark.parametrize("name", KEPT)
def test_kept(name: str):
    assert trim.keep(name)


@pytest.mark.parametrize("name", DROPPED)
def test_dropped(name: str):
    assert not trim.keep(name)


def test_windows_layout_and_separators_are_understood():
    assert trim.keep("PySide6\\plugins\\platforms\\qwindows.dll")
    assert trim.keep("PySide6\\plugins\\platforms\\qoffscreen.dll")
    assert not trim.keep("PySide6\\plugins\\platforms\\qminimal.dll")
    assert not trim.keep("PySide6\\plugins\\tls\\qschannelbackend.dll")
    assert not trim.keep("PySide6\\Qt6Network.dll")
    assert not trim.keep("PySide6\\opengl32sw.dll")  # Mesa's software OpenGL: no GL here
    assert trim.keep("PySide6\\Qt6OpenGL.dll")  # Qt Gui's own GL layer stays
    assert not trim.keep("PySide6\\translations\\qtbase_ja.qm")
    assert trim.keep("PySide6\\translations\\qtbase_ko.qm")


def test_macos_layout_is_understood():
    assert trim.keep(PLUGINS + "platforms/libqcocoa.dylib")
    assert not trim.keep(PLUGINS + "platforms/libqminimal.dylib")
    assert not trim.keep("PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork")


def test_filter_toc_keeps_entry_shape():
    toc = [("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
           ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK")]
    assert trim.filter_toc(toc) == [toc[1]]
    assert trim.dropped(toc) == ["libgtk-3.so.0"]


def test_spec_excludes_qtnetwork_only_while_the_app_does_not_use_it():
    # The spec drops QtNetwork; if the app starts importing it, the frozen app would break.
    uses = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "kiwoom_ticket").rglob("*.py")
        if re.search(r"\bQtNetwork\b", path.read_text(encoding="utf-8"))
    ]
    assert uses == [], f"QtNetwork is used by {uses}: remove it from packaging/trim.py and the spec"

"""The committed icon files are complete and well-formed (stdlib parsing, no Pillow needed)."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from packaging_helpers import ROOT

ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_header(data: bytes) -> tuple[int, int, int, int]:
    """(width, height, bit depth, colour type) from a PNG's IHDR chunk."""
    assert data[:8] == PNG_MAGIC
    assert data[12:16] == b"IHDR"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, depth, colour


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_has_its_size_and_an_alpha_channel(size: int):
    width, height, depth, colour = png_header((ICONS / f"kiwoom-ticket-{size}.png").read_bytes())
    assert (width, height) == (size, size)
    assert (depth, colour) == (8, 6)  # 8-bit RGBA: transparent corners on any panel colour


def test_ico_holds_every_windows_size():
    data = (ICONS / "kiwoom-ticket.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height = data[6 + 16 * index], data[7 + 16 * index]
        sizes.append(width or 256)  # 0 means 256 in an ICO directory
        assert (width or 256) == (height or 256)
    assert sorted(sizes) == list(ICO_SIZES)


def test_icns_is_an_apple_icon_with_large_images():
    data = (ICONS / "kiwoom-ticket.icns").read_bytes()
    magic, length = struct.unpack(">4sI", data[:8])
    assert magic == b"icns"
    assert length == len(data)
    types, offset = set(), 8
    while offset < len(data):
        kind, size = struct.unpack(">4sI", data[offset : offset + 8])
        types.add(kind)
        offset += size
    assert {b"ic09", b"ic10"} & types  # 512 and 512@2x: what Finder and the Dock use


@pytest.mark.parametrize(
    "svg", [ROOT / "resources" / "kiwoom-ticket.svg", ICONS / "kiwoom-ticket-16.svg"]
)
def test_svg_sources_parse_and_are_square(svg: Path):
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert width == height

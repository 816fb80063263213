"""Render the app icon from its SVG sources into the PNG, ICO and ICNS files we commit.

Run after editing resources/kiwoom-ticket.svg or resources/icons/kiwoom-ticket-16.svg:

    .venv/bin/pip install cairosvg Pillow
    .venv/bin/python packaging/render_icons.py

Writes resources/icons/kiwoom-ticket-<size>.png for every size in PNG_SIZES,
resources/icons/kiwoom-ticket.ico (Windows, multi-size) and resources/icons/kiwoom-ticket.icns
(macOS). The 16 px image comes from a pixel-fitted SVG because the full design blurs there.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import cairosvg
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
MAIN_SVG = ROOT / "resources" / "kiwoom-ticket.svg"
SMALL_SVG = ROOT / "resources" / "icons" / "kiwoom-ticket-16.svg"
ICON_DIR = ROOT / "resources" / "icons"
NAME = "kiwoom-ticket"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an ICO entry can hold
ICNS_EXTRA_SIZES = (1024,)  # Retina 512@2x; rendered for the ICNS only, not kept as PNG


def source_for(size: int) -> Path:
    return SMALL_SVG if size <= 16 else MAIN_SVG


def render(size: int) -> Image.Image:
    png = cairosvg.svg2png(
        url=str(source_for(size)), output_width=size, output_height=size
    )
    return Image.open(io.BytesIO(png)).convert("RGBA")


def png_path(size: int, icon_dir: Path = ICON_DIR) -> Path:
    return icon_dir / f"{NAME}-{size}.png"


def write_all(icon_dir: Path = ICON_DIR) -> list[Path]:
    icon_dir.mkdir(parents=True, exist_ok=True)
    images = {size: render(size) for size in (*PNG_SIZES, *ICNS_EXTRA_SIZES)}
    written: list[Path] = []
    for size in PNG_SIZES:
        path = png_path(size, icon_dir)
        images[size].save(path, optimize=True)
        written.append(path)

    ico_path = icon_dir / f"{NAME}.ico"
    largest_ico = images[max(ICO_SIZES)]
    # Pillow takes exact-size frames from append_images instead of downscaling the first one.
    largest_ico.save(
        ico_path,
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    written.append(ico_path)

    icns_path = icon_dir / f"{NAME}.icns"
    largest = images[max(ICNS_EXTRA_SIZES)]
    largest.save(icns_path, append_images=[images[s] for s in PNG_SIZES])
    written.append(icns_path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ICON_DIR, help="folder to write into (default: resources/icons)"
    )
    args = parser.parse_args(argv)
    for path in write_all(args.out):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

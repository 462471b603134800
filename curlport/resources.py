"""Where the grammar and the schemas are read from.

They live at the top of the checkout (``grammar/``, ``schemas/``) and the wheel
copies them into the package (see ``pyproject.toml``), so an installed curlport
finds them inside itself and a source checkout finds them beside itself.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_path(folder: str, name: str) -> Path:
    """The path of ``folder/name``, installed copy first, checkout second."""
    for base in (_PACKAGE_DIR, _PACKAGE_DIR.parent):
        candidate = base / folder / name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"curlport is installed without {folder}/{name}")


def read_resource(folder: str, name: str) -> str:
    return resource_path(folder, name).read_text(encoding="utf-8")

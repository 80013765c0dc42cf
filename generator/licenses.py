"""The licenses a media item may name: common SPDX identifiers, with the name and address
shown under a picture. Shipped here so that checking needs no network; a license missing
from this list is added here (SPDX id, its short name, its page)."""

from __future__ import annotations

UNKNOWN = "unknown"

_CC = "https://creativecommons.org/licenses/{}/{}/"
LICENSES: dict[str, tuple[str, str]] = {
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "CC-PDDC": ("Public domain", "https://spdx.org/licenses/CC-PDDC.html"),
    **{
        f"CC-{kind.upper()}-{version}": (f"CC {kind.upper()} {version}", _CC.format(kind, version))
        for kind in ("by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd")
        for version in ("2.0", "2.5", "3.0", "4.0")
    },
    "Unlicense": ("The Unlicense", "https://unlicense.org/"),
    "MIT": ("MIT License", "https://spdx.org/licenses/MIT.html"),
    "0BSD": ("BSD Zero Clause", "https://spdx.org/licenses/0BSD.html"),
    "Apache-2.0": ("Apache 2.0", "https://www.apache.org/licenses/LICENSE-2.0"),
    "GFDL-1.2-or-later": ("GFDL 1.2 or later", "https://www.gnu.org/licenses/old-licenses/fdl-1.2.html"),
    "GFDL-1.3-or-later": ("GFDL 1.3 or later", "https://www.gnu.org/licenses/fdl-1.3.html"),
    "FAL-1.3": ("Free Art License 1.3", "https://artlibre.org/licence/lal/en/"),
}

"""Drillbook's part of the Material theme: page templates for cards and embeds, partial
overrides, CSS, JavaScript and the icon. Installed as `drillbook.theme`; the plugin puts this
folder behind the site's own `custom_dir` (MkDocs copies no `.py` file of a theme)."""

from pathlib import Path

THEME_DIR = Path(__file__).parent

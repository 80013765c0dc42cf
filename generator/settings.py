"""The settings `drillbook generate` shares with the plugin, read from `mkdocs.yml`, so the
command followed by any builder writes the same pages as `mkdocs build`."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .errors import DrillbookError
from .i18n import ENGLISH, words_for
from .offline import OFFLINE_MB
from .views import DEFAULT_NAMES, SiteNames


class ProjectSettings(NamedTuple):
    content: Path
    docs: Path
    site_url: str | None
    site_dir: Path = Path("site")
    names: SiteNames = DEFAULT_NAMES  # with the language and MkDocs' use_directory_urls
    decks: bool = True
    offline_mb: float = OFFLINE_MB


def project_settings(config_file: Path) -> ProjectSettings:
    """content folder, docs folder, site_url and the rest as `mkdocs build` would use them;
    without a config file, MkDocs' defaults (`content`, `docs`, no site_url, `site`)."""
    if not config_file.is_file():
        return ProjectSettings(Path("content"), Path("docs"), None)
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        raise DrillbookError(f"{config_file}: {error}") from None
    plugin = config.plugins.get("drillbook")
    content = plugin.config.content if plugin else "content"
    return ProjectSettings(
        config_file.parent / content,
        Path(config.docs_dir),
        config.site_url or None,
        Path(config.site_dir),
        site_names(config, plugin.config if plugin else None),
        plugin.config.decks if plugin else True,
        plugin.config.offline_mb if plugin else OFFLINE_MB,
    )


def site_names(config, options) -> SiteNames:
    """The names of the site in `mkdocs.yml` (`config`, with the drillbook plugin's `options`,
    if listed): her site's name, author, editors' label, icon and language instead of
    Drillbook's. The language is the theme's unless the plugin names its own."""
    language = (options and options.language) or config.theme.get("language") or ENGLISH
    catalogue = Path(options.catalogue) if options and options.catalogue else None
    return SiteNames(
        site=config.site_name,
        author=config.site_author or "",
        editors_label=(options and options.editors_label) or words_for(language, catalogue)("common.editors"),
        icon=(options and options.icon) or DEFAULT_NAMES.icon,
        language=language,
        catalogue=catalogue,
        directory_urls=config.use_directory_urls,
    )

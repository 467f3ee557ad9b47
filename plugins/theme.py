"""Byline's one shared template folder, placed between the site's own overrides and Material.

Every Byline plugin calls :func:`add_templates` from ``on_config`` and :func:`extend_env` from
``on_env``. Both are idempotent, so the plugins work alone or together. Byline's overrides extend
Material's templates instead of copying them: Material's originals stay reachable under the
``material/`` prefix (``{% include "material/partials/post.html" %}``), so a Material upgrade
changes them in one place.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
import material.templates
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

#: Byline's templates: overrides of Material's and the ``partials/byline/`` hooks and parts.
TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Material's own templates, exposed under the ``material/`` prefix.
MATERIAL_TEMPLATES = Path(material.templates.__file__).resolve().parent
PREFIX = "material"


def add_templates(config: MkDocsConfig) -> None:
    """Put Byline's folder right before Material's: the site's ``custom_dir`` still wins."""
    dirs = config.theme.dirs
    ours, material = str(TEMPLATES), str(MATERIAL_TEMPLATES)
    if ours in dirs:
        return
    resolved = [str(Path(d).resolve()) for d in dirs]
    if material not in resolved:
        raise PluginError("Byline's plugins build on mkdocs-material: set 'theme: name: material' in mkdocs.yml")
    dirs.insert(resolved.index(material), ours)


def extend_env(env: jinja2.Environment) -> None:
    """Make Material's originals loadable as ``material/<name>`` for Byline's overrides."""
    loader = env.loader
    if isinstance(loader, jinja2.ChoiceLoader) and any(
        isinstance(item, jinja2.PrefixLoader) and PREFIX in item.mapping for item in loader.loaders
    ):
        return
    material = jinja2.PrefixLoader({PREFIX: jinja2.FileSystemLoader(str(MATERIAL_TEMPLATES))})
    env.loader = jinja2.ChoiceLoader([loader, material] if loader else [material])

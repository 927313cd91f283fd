"""MkDocs hook: the entry point of plansite into a MkDocs build. No logic here.

The work is done by plansite.mkdocs.plugin.PlanSiteBuild, one object per
build. A hook module rather than an installed plugin, because MkDocs loads a
hook from the project folder (no entry point to register, nothing to install
beyond the package), and `mkdocs serve` reloads it on every rebuild; what must
outlive a rebuild is kept in plansite.mkdocs.session.SESSION.
"""

from __future__ import annotations

from plansite.mkdocs.plugin import PlanSiteBuild

_build = PlanSiteBuild()

# The events' priorities are set on the methods (event_priority).
on_startup = _build.on_startup
on_config = _build.on_config
on_files = _build.on_files
on_env = _build.on_env
on_page_markdown = _build.on_page_markdown
on_page_context = _build.on_page_context
on_post_build = _build.on_post_build

"""Links between the site's pages and files, made the way MkDocs makes them:
a source path's URL from `File.url` (directory URLs or not, as mkdocs.yml
says) and a relative link with `get_relative_url`."""

from __future__ import annotations

from functools import cache

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url


class MkDocsLinks:
    def __init__(self, use_directory_urls: bool, site_dir: str) -> None:
        self.use_directory_urls = use_directory_urls
        self.site_dir = site_dir

    @classmethod
    def from_config(cls, config: MkDocsConfig) -> MkDocsLinks:
        return cls(bool(config.use_directory_urls), config.site_dir)

    @property
    def url_style(self) -> str:
        return "directory" if self.use_directory_urls else "file"

    def href(self, from_uri: str, target: str, anchor: str | None = None) -> str:
        relative = get_relative_url(self._url(target), self._url(from_uri))
        return f"{relative}#{anchor}" if anchor else relative

    def url(self, uri: str) -> str:
        """The site-relative URL MkDocs gives a source path."""
        return self._url(uri)

    @cache  # noqa: B019 (one instance per build; a few hundred paths)
    def _url(self, uri: str) -> str:
        return File(uri, src_dir=None, dest_dir=self.site_dir, use_directory_urls=self.use_directory_urls).url

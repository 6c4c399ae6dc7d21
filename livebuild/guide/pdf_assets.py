"""What the PDF renderer may load: the pictures livebuild hands it, and nothing else.

WeasyPrint's own fetcher opens ``file://``, ``http://`` and ``data:`` URLs. The guide's
HTML is built from text that founders and models wrote, so anything that slipped past
the escaping could read host files (``/proc/self/environ``, the database) or reach
loopback services. The fetcher here answers only names livebuild registered for this
one document; every other URL is refused before anything is opened.
"""

from __future__ import annotations

from typing import Any

SCHEME = "livebuild-asset:"


class RefusedURL(ValueError):
    """A document asked for something that isn't one of its own assets."""


def asset_url(name: str) -> str:
    return SCHEME + name


def asset_body(assets: dict[str, tuple[bytes, str]], url: str) -> tuple[bytes, str]:
    """The bytes and media type ``url`` names among ``assets``; `RefusedURL` for any other."""
    if url.startswith(SCHEME) and (found := assets.get(url[len(SCHEME) :])):
        return found
    raise RefusedURL("The guide's PDF loads only livebuild's own pictures.")


def asset_fetcher(assets: dict[str, tuple[bytes, str]]) -> Any:
    """A WeasyPrint URL fetcher serving ``assets`` ({name: (bytes, media type)}) only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            body, media_type = asset_body(assets, url)
            return URLFetcherResponse(url, body, {"Content-Type": media_type})

    return AssetFetcher(allowed_protocols=())

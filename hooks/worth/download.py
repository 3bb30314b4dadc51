"""Download one web page for ``worth add URL``: the page's bytes, exactly as the server sent them.

``download_page(url)`` asks for the page with the standard library (no cookies are kept or sent;
the User-Agent names Worth) and refuses, with ``DownloadError`` and one line saying what to do:
an address that is not http(s), a redirect to another scheme (or from https to http), an HTTP
error, a response that is not HTML, a page over ``MAX_PAGE_BYTES``, no answer within the timeout.
``add_page`` saves the page unchanged as ``articles/<slug>.html``.
"""
from __future__ import annotations

import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from .text import slugify

MAX_PAGE_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 30.0
USER_AGENT = "Worth/0.1 (static site builder; fetches one page its editor asked for)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


class DownloadError(Exception):
    """A page that cannot be added: ``str()`` is one line naming the address and what to do."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(message)
        self.url = url
        self.message = message

    def __str__(self) -> str:
        return f"{self.url}: {self.message}"


@dataclass(frozen=True)
class DownloadedPage:
    """The address asked for, the address the page came from (after redirects), and its bytes."""

    url: str
    final_url: str
    data: bytes


class _SameSchemeRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only, and never from https down to http."""

    def http_error_302(self, req, fp, code, msg, headers):  # urllib's hook, for 301-308 alike
        location = headers.get("Location") or headers.get("URI") or ""
        target = urllib.parse.urljoin(req.full_url, location)
        scheme = urllib.parse.urlsplit(target).scheme.lower()
        old = urllib.parse.urlsplit(req.full_url).scheme.lower()
        if scheme not in ("http", "https") or (old == "https" and scheme == "http"):
            fp.close()
            shown = target.split("?")[0]
            raise DownloadError(req.full_url, f"the server redirects to {shown}, which is not {old}; save the page from your browser instead")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener() -> urllib.request.OpenerDirector:
    # No HTTPCookieProcessor: cookies are neither kept nor sent. Proxies from the environment
    # are honoured, as the editor's browser would.
    return urllib.request.build_opener(_SameSchemeRedirects())


def download_page(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_PAGE_BYTES) -> DownloadedPage:
    """The page at ``url`` (http or https), or ``DownloadError`` saying why not."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise DownloadError(url, "not a web address; give one starting with http:// or https://")
    request = urllib.request.Request(url.strip(), headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"})
    deadline = time.monotonic() + timeout
    wait = _seconds(timeout)
    try:
        with _opener().open(request, timeout=timeout) as response:
            final_url = response.geturl()
            _check_type(url, response.headers)
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise DownloadError(url, f"the page is {_megabytes(int(length))}, over the {_megabytes(max_bytes)} limit; save the article's text instead")
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise DownloadError(url, f"the page did not arrive within {wait}; try again later, or save the page from your browser")
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise DownloadError(url, f"the page is over the {_megabytes(max_bytes)} limit; save the article's text instead")
                chunks.append(chunk)
    except DownloadError:
        raise
    except urllib.error.HTTPError as err:
        raise DownloadError(url, f"the server answered {err.code} {err.reason}; check the address, or save the page from your browser") from None
    except urllib.error.URLError as err:
        if isinstance(err.reason, (TimeoutError, socket.timeout)):
            raise DownloadError(url, f"no answer within {wait}; try again later, or save the page from your browser") from None
        if isinstance(err.reason, DownloadError):
            raise err.reason from None
        raise DownloadError(url, f"cannot reach the server ({err.reason}); check the address and the connection") from None
    except (TimeoutError, socket.timeout):
        raise DownloadError(url, f"no answer within {wait}; try again later, or save the page from your browser") from None
    except (OSError, ValueError) as err:
        raise DownloadError(url, f"cannot download the page ({err}); check the address and the connection") from None
    return DownloadedPage(url=url, final_url=final_url, data=b"".join(chunks))


def _check_type(url: str, headers: Message) -> None:
    content_type = (headers.get_content_type() if headers.get("Content-Type") else "").lower()
    if content_type not in HTML_TYPES:
        shown = content_type or "no type"
        raise DownloadError(url, f"the address gives {shown}, not a web page (text/html); add only pages of articles")


def _seconds(value: float) -> str:
    return f"{value:g} second{'s' if value != 1 else ''}"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size % (1024 * 1024) else f"{size // (1024 * 1024)} MB"


def page_slug(title: str | None, url: str) -> str:
    """The file name for a page: its title as a slug, else the last part of its address."""
    if title:
        return slugify(title, fallback="page")
    path = urllib.parse.urlsplit(url).path.rstrip("/")
    return slugify(Path(path).stem or urllib.parse.urlsplit(url).hostname or "page", fallback="page")

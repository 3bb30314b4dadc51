"""The help services an editor lists in ``help.yml``, beside mkdocs.yml: who a reader can call,
text or write to, shown in the help box of the theme pages, the checklist, the staying-safe
page, the 404 page and an empty search.

    load_help(path)  -> HelpServices | None   (None when there is no help file)
    tel_uri(phone)   -> str                    ("0808 2000 247" -> "tel:08082000247")

The file (its example is the project's ``help.yml``):

    emergency:                      # optional: "If you are in danger now, call ..." comes first
      - phone: "999"
        region: United Kingdom
    services:
      - name: National Domestic Abuse Helpline
        helps_with: Support for women living with domestic abuse
        phone: 0808 2000 247        # shown as written, called through a tel: link
        text: ...                   # optional: how to reach them by text message, as written
        web: https://www.nationaldahelpline.org.uk/   # optional: chat or website (https only)
        hours: Every day, day and night               # optional
        region: England                               # optional

Bad content raises ``ArticleError`` naming the file and line. Rendering is not done here
(``render.render_help_box``); this module only reads the data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
import yaml

from . import yamltext
from .errors import ArticleError

HELP_FILE = "help.yml"

SERVICE_FIELDS = ("name", "helps_with", "phone", "text", "web", "hours", "region")
EMERGENCY_FIELDS = ("phone", "region")
_WEB = re.compile(r"^https://[^\s<>\"'`]+$", re.IGNORECASE)
# What a phone number may hold as written: digits, spaces, dots, dashes, brackets and a leading
# "+"; letters are allowed too (1-800-799-SAFE), since some services advertise them so, but at
# least three digits.
_PHONE = re.compile(r"^\+?[0-9A-Za-z ().\-]{2,40}$")
_KEYPAD = {letter: str(digit) for digit, letters in
           ((2, "abc"), (3, "def"), (4, "ghi"), (5, "jkl"), (6, "mno"), (7, "pqrs"), (8, "tuv"), (9, "wxyz"))
           for letter in letters}


@dataclass(frozen=True)
class EmergencyLine:
    """The number to call in danger now (``phone``, as written) and where it works (``region``)."""

    phone: str
    region: str = ""


@dataclass(frozen=True)
class HelpService:
    """One service: its ``name``, what it ``helps_with``, and how to reach it (at least one of
    ``phone``, ``text``, ``web``), with its ``hours`` and ``region`` when given. Every value is the
    editor's text with its spaces tidied; empty when not given."""

    name: str
    helps_with: str = ""
    phone: str = ""
    text: str = ""
    web: str = ""
    hours: str = ""
    region: str = ""


@dataclass(frozen=True)
class HelpServices:
    """Everything ``help.yml`` lists, in its order: emergency lines first, then the services."""

    emergency: tuple[EmergencyLine, ...] = ()
    services: tuple[HelpService, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.emergency and not self.services


def tel_uri(phone: str) -> str:
    """A ``tel:`` address for a number as written: digits only (letters as on a phone's keypad),
    keeping a leading ``+``."""
    digits = "".join(ch if ch.isdigit() else _KEYPAD.get(ch.lower(), "") for ch in phone)
    return "tel:" + ("+" if phone.strip().startswith("+") else "") + digits


def missing_help_warning(shown: str) -> str:
    """The one line an editor sees when the site would show no way to reach a person."""
    return (
        f"{shown}: there is no help file, so the site shows readers no service to call or write to; "
        "copy the example help.yml from the project and list the services for your readers' country"
    )


def empty_help_warning(shown: str) -> str:
    return (
        f"{shown}: lists no help service, so the site shows readers no one to call or write to; "
        "add at least one service under 'services'"
    )


def load_help(path: Path, *, display_path: str | None = None) -> HelpServices | None:
    """Read ``help.yml``; None when the file does not exist (the caller warns). Raises
    ``ArticleError`` naming the file and line for content that cannot be used.

    Values are read as written (from the YAML nodes, not converted): a number such as ``000``
    or ``0800 123`` stays exactly what the editor typed, quoted or not."""
    shown = display_path or str(path)
    if not path.exists():
        return None
    node = yamltext.compose_file(path, shown=shown, advice="fix it")
    top: dict[str, yaml.Node] = {}
    if node is not None:
        if not isinstance(node, yaml.MappingNode):
            raise ArticleError(shown, node.start_mark.line + 1, "expected 'emergency' and 'services' at the top; see the comments in the example help.yml")
        for key, value in node.value:
            if key.value not in ("emergency", "services"):
                raise ArticleError(shown, key.start_mark.line + 1, f"unknown section '{key.value}'; the sections are 'emergency' and 'services'")
            top[key.value] = value
    emergency = tuple(EmergencyLine(**f) for f, _ in _entries(top.get("emergency"), "emergency", EMERGENCY_FIELDS, shown, required=("phone",)))
    services = []
    for fields, line in _entries(top.get("services"), "services", SERVICE_FIELDS, shown, required=("name",)):
        if not (fields.get("phone") or fields.get("text") or fields.get("web")):
            raise ArticleError(shown, line, f"'{fields['name']}' has no 'phone', 'text' or 'web'; give at least one way to reach it")
        services.append(HelpService(**fields))
    return HelpServices(emergency, tuple(services))


def _entries(
    node: yaml.Node | None, section: str, allowed: tuple[str, ...], shown: str, *, required: tuple[str, ...]
) -> list[tuple[dict[str, str], int]]:
    """Each entry of a top-level list as its fields (text as written, spaces tidied) and line."""
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise ArticleError(shown, node.start_mark.line + 1, f"'{section}' must be a list of entries (each starting with '- ')")
    out = []
    for entry in node.value:
        line = entry.start_mark.line + 1
        if not isinstance(entry, yaml.MappingNode):
            raise ArticleError(shown, line, f"each entry of '{section}' needs fields such as {', '.join(allowed)}")
        fields: dict[str, str] = {}
        for key, value in entry.value:
            name = str(key.value)
            if name not in allowed:
                raise ArticleError(shown, key.start_mark.line + 1, f"unknown field '{name}'; the fields are {', '.join(allowed)}")
            if not isinstance(value, yaml.ScalarNode):
                raise ArticleError(shown, value.start_mark.line + 1, f"'{name}' must be one line of text")
            text = " ".join(str(value.value).split())
            if text and not (value.style is None and text in ("~", "null", "Null", "NULL")):
                fields[name] = text
        for name in required:
            if not fields.get(name):
                raise ArticleError(shown, line, f"an entry of '{section}' has no '{name}'; add it")
        if fields.get("phone") and not (_PHONE.match(fields["phone"]) and sum(ch.isdigit() for ch in fields["phone"]) >= 3):
            raise ArticleError(shown, line, f"'{fields['phone']}' is not a phone number; write digits, spaces and dashes only")
        if fields.get("web") and not _WEB.match(fields["web"]):
            raise ArticleError(shown, line, f"'{fields['web']}' is not a web address; write it in full, starting with https://")
        out.append((fields, line))
    return out

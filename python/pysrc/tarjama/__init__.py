"""tarjama: align an English statement with its Arabic rendering and flag where they differ.

Python bindings of the tarjama command-line tool. Every result has the schema of the command
line's JSON output (see "The `check --format json` schema" in the repository's README):

- :func:`check` — one pair, the ``tarjama check --format json`` document as a dict;
- :func:`check_many` — many pairs in parallel (the GIL is released), as ``tarjama batch``;
- :func:`segment` — sentences of an English or Arabic text;
- :class:`Workspace` — read access to a tarjama workspace (pairs, beads, flags), as plain Python
  objects or, with ``as_arrow=True``, as a ``pyarrow.Table``.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from . import _native

__all__ = ["check", "check_many", "segment", "lexicons", "Workspace", "CheckError"]

Text = Union[str, Sequence[str]]


class CheckError(ValueError):
    """A pair that cannot be checked: a side empty, not text, or in the wrong language."""


def _record(source: Text, target: Text, presegmented: bool, id: Any = None) -> str:
    return json.dumps(
        {
            "id": id,
            "source": source if isinstance(source, str) else list(source),
            "target": target if isinstance(target, str) else list(target),
            "presegmented": presegmented,
        },
        ensure_ascii=False,
    )


def check(
    source: Text,
    target: Text,
    presegmented: bool = False,
    *,
    system_lexicon: bool = True,
    model: bool = True,
) -> Dict[str, Any]:
    """Align and flag one pair, as ``tarjama check --format json`` does.

    ``source`` is the English text, ``target`` the Arabic. With ``presegmented=True`` each is a
    list of sentences (or a string with one sentence per line). ``system_lexicon`` and ``model``
    turn off the system's FreeDict dictionaries and the sentence encoder, as the command line's
    ``--no-system-lexicon`` and ``--no-model`` do; both are used by default when installed.

    Returns a dict with ``source``, ``target``, ``beads``, ``moves`` (only when there are some),
    ``flags`` and ``summary``. Raises :class:`CheckError` when the pair cannot be checked.
    """
    try:
        out = _native.check_json(
            _record(source, target, presegmented), system_lexicon, model
        )
    except ValueError as e:
        raise CheckError(str(e)) from None
    return json.loads(out)


def check_many(
    records: Iterable[Mapping[str, Any]],
    threads: Optional[int] = None,
    *,
    system_lexicon: bool = True,
    model: bool = True,
) -> List[Dict[str, Any]]:
    """Check many pairs in parallel, as ``tarjama batch`` does.

    Each record is a mapping with ``source`` and ``target`` (and optionally ``id`` and
    ``presegmented``), like a line of ``batch``'s input. Returns one dict per record, in order:
    ``{"id": …, <the check document>}``, or ``{"id": …, "error": "…"}`` for a record that cannot
    be checked (a bad record never stops the others). The GIL is released while checking;
    ``threads`` defaults to one per core.
    """
    lines = [json.dumps(dict(r), ensure_ascii=False, default=str) for r in records]
    out = _native.check_many_json(lines, threads, system_lexicon, model)
    return [json.loads(o) for o in out]


def segment(text: str, lang: str) -> List[str]:
    """Split ``text`` into sentences, as ``check`` does; ``lang`` is ``"en"`` or ``"ar"``."""
    return _native.segment(text, lang)


def lexicons(*, system_lexicon: bool = True, model: bool = True) -> str:
    """The lexicons :func:`check` uses with these options, as the command line names them."""
    return _native.lexicons(system_lexicon, model)


def _rows(text: str, as_arrow: bool) -> Any:
    rows = json.loads(text)
    if not as_arrow:
        return rows
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "as_arrow=True needs pyarrow: pip install pyarrow (or tarjama[arrow])"
        ) from None
    return pa.Table.from_pylist(rows)


class Workspace:
    """Read access to a tarjama workspace (the SQLite file of ``tarjama init``).

    Every method returns plain Python objects (a list of dicts, the rows of ``tarjama list
    --json``), or a ``pyarrow.Table`` with ``as_arrow=True`` (pyarrow must be installed).
    """

    def __init__(self, path: Union[str, "os.PathLike[str]"]) -> None:
        self._ws = _native.Workspace(str(path))

    def pairs(self, *, as_arrow: bool = False) -> Any:
        """The pairs: id, article_id, source_id, method, confidence, titles, counts."""
        return _rows(self._ws.pairs_json(), as_arrow)

    def beads(self, pair: int, *, as_arrow: bool = False) -> Any:
        """The beads of ``pair``: id, position, src and tgt sentence indices, score, status,
        and the sentence texts of each side (``source``, ``target``)."""
        return _rows(self._ws.beads_json(int(pair)), as_arrow)

    def flags(
        self,
        pair: Optional[int] = None,
        *,
        include_dismissed: bool = False,
        as_arrow: bool = False,
    ) -> Any:
        """The flags of the workspace (or of ``pair``), dismissed ones only when asked."""
        return _rows(
            self._ws.flags_json(None if pair is None else int(pair), include_dismissed),
            as_arrow,
        )



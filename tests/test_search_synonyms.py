"""site.yaml's optional search synonyms: read into the model, checked like every other field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plansite.errors import PlanDataError
from plansite.model import Synonym
from plansite.source.load import load_site

ROOT = Path(__file__).resolve().parents[1]
SEED_BLOCK = "search:\n  synonyms:\n    台電: [台灣電力]\n"


def data_with_search_block(tmp_path: Path, block: str) -> Path:
    data = tmp_path / "plan_data"
    shutil.copytree(ROOT / "plan_data", data)
    site = data / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert SEED_BLOCK in text
    site.write_text(text.replace(SEED_BLOCK, block), encoding="utf-8")
    return data


def test_the_shipped_site_seeds_the_synonym_for_taipower() -> None:
    assert load_site(ROOT / "plan_data").site.search_synonyms == (Synonym("台電", ("台灣電力",)),)


def test_synonyms_are_optional(tmp_path: Path) -> None:
    assert load_site(data_with_search_block(tmp_path, "")).site.search_synonyms == ()


def test_synonyms_keep_the_file_order_and_a_number_is_a_term(tmp_path: Path) -> None:
    data = data_with_search_block(tmp_path, "search:\n  synonyms:\n    台電: [台灣電力, 台灣電力公司]\n    1911: [客服專線]\n")
    assert load_site(data).site.search_synonyms == (Synonym("台電", ("台灣電力", "台灣電力公司")), Synonym("1911", ("客服專線",)))


@pytest.mark.parametrize(
    ("block", "line", "message"),
    [
        ('search:\n  synonyms:\n    台電: [""]\n', 3, "搜尋用詞不可空白"),
        ('search:\n  synonyms:\n    台電: [" 台灣電力"]\n', 3, "前後不留空白"),
        ("search:\n  synonyms:\n    台電: [台灣電力台灣電力台灣電力台灣電力台灣電力台]\n", 3, "文字過長：共 21 字，上限為 20 字"),
        ("search:\n  synonyms:\n    台電: []\n", 3, "至少要有 1 項"),
        ("search:\n  synonyms:\n    台電: 台灣電力\n", 3, "應為詞的清單"),
        # A bad key is reported at the synonyms (the schema cannot point at one key).
        ("search:\n  synonyms:\n    台灣電力公司鳳山區營業處台灣電力公司鳳山區營業處: [鳳山區處]\n", 3, "文字過長：共 24 字，上限為 20 字"),
        ("search:\n  synonym:\n    台電: [台灣電力]\n", 2, "是否要寫「synonyms」"),
    ],
)
def test_a_bad_synonym_is_reported_in_zh_tw_with_its_line(tmp_path: Path, block: str, line: int, message: str) -> None:
    data = data_with_search_block(tmp_path, block)
    with pytest.raises(PlanDataError) as caught:
        load_site(data, root=tmp_path)
    issues = [issue for issue in caught.value.issues if issue.file == "plan_data/site.yaml"]
    assert len(issues) == 1, [str(issue) for issue in caught.value.issues]
    seed_line = (ROOT / "plan_data" / "site.yaml").read_text(encoding="utf-8").splitlines().index("search:") + 1
    assert issues[0].line == seed_line + line - 1, str(issues[0])
    assert message in issues[0].message

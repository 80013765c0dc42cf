"""generate(): the whole flow in one call."""

import gc
import shutil
from pathlib import Path

import pytest

from drillbook.errors import ContentError
from drillbook.pipeline import generate

BASE = Path(__file__).parent / "data" / "invalid" / "_base"


@pytest.mark.parametrize("broken", [False, True])
def test_generate_turns_the_cycle_collector_back_on(tmp_path, broken):
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    if broken:
        (content / "exercises" / "broken.yml").write_text("id: [broken\n", "utf-8")
    assert gc.isenabled()
    if broken:
        with pytest.raises(ContentError):
            generate(content, tmp_path / "docs")
    else:
        generate(content, tmp_path / "docs")
    assert gc.isenabled()

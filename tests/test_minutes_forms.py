"""The minutes forms as the caseworker meets them in the case folder: what an unwritten form
shows once the journal has the conversation as held, who is named under «Til stede», the
forms of a parent who declined, and the wording of the questions."""

import re
import tomllib
from pathlib import Path

# --- (13) The questions' wording ---------------------------------------------------------

def test_no_question_ends_a_quoted_title_with_two_question_marks():
    """«… der?»?» reads as a typing error: a title ending in «?» is not followed by one."""
    data = Path(__file__).parent.parent / "omsorgspakke_docs" / "data"
    for malform in ("nb", "nn"):
        programme = tomllib.loads((data / f"programme.{malform}.toml").read_text("utf-8"))
        texts = _texts(programme)
        assert len(texts) > 100
        for text in texts:
            assert not re.search(r"[?!]»\?", text), (malform, text)


def _texts(value) -> list[str]:
    """Every string in a theme (its sections, questions, purpose), however nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _texts(v)]
    return []

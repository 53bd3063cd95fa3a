"""Whatever bytes a curator's file holds, the loader answers with problems, never an exception."""

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.loader import load_exhibit
from tests.content.conftest import VALID_SECTION
from tests.video_clips import make_clip

YAML_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30)
)
YAML_VALUES = st.recursive(
    YAML_SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=25,
)


def yaml_text(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400))
def test_arbitrary_bytes(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "exhibit.yaml").write_bytes(content)
    result = load_exhibit(tmp_path)
    assert result.ok or result.problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=YAML_VALUES)
def test_arbitrary_yaml_values(tmp_path: Path, value: object) -> None:
    (tmp_path / "exhibit.yaml").write_text(yaml_text({"title": "x", "sections": [value]}), encoding="utf-8")
    result = load_exhibit(tmp_path)
    assert not result.ok
    assert all(problem.message for problem in result.problems)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.text(min_size=1, max_size=10), value=YAML_VALUES)
def test_arbitrary_keys_in_a_valid_section(tmp_path: Path, key: str, value: object) -> None:
    section = yaml.safe_load(VALID_SECTION)
    section["panels"][0][key] = value
    (tmp_path / "exhibit.yaml").write_text(yaml_text({"title": "x", "sections": [section]}), encoding="utf-8")
    result = load_exhibit(tmp_path)
    assert result.ok or all(problem.line is not None for problem in result.problems)


VIDEO_PANEL = {
    "kind": "video",
    "title": "A film",
    "video": "film.mp4",
    "poster": "poster.svg",
    "alt": "A grey square",
    "caption": "A caption.",
    "credit": "Tests",
    "captions": {"en": "film.vtt"},
}
VIDEO_KEYS = [*VIDEO_PANEL, "audio", "description", "loop", "body", "narration"]


def video_exhibit(folder: Path, panel: dict[str, object]) -> None:
    if not (folder / "poster.svg").exists():
        make_clip(folder / "film.mp4", seconds=1)
        (folder / "poster.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"/>', encoding="utf-8"
        )
        (folder / "film.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:00.500\nWords\n", encoding="utf-8")
    section = {"id": "films", "title": "Films", "teaser": "Films", "panels": [panel]}
    (folder / "exhibit.yaml").write_text(yaml_text({"title": "x", "sections": [section]}), encoding="utf-8")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(VIDEO_KEYS), value=YAML_VALUES)
def test_arbitrary_values_under_a_video_panels_keys(tmp_path: Path, key: str, value: object) -> None:
    video_exhibit(tmp_path, {**VIDEO_PANEL, key: value})
    result = load_exhibit(tmp_path)
    assert result.ok or all(problem.line is not None and problem.message for problem in result.problems)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    head=st.sampled_from(
        [b"", b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2", b"\x1aE\xdf\xa3", b"RIFF"]
    ),
    content=st.binary(max_size=2000),
)
def test_arbitrary_bytes_as_a_film(tmp_path: Path, head: bytes, content: bytes) -> None:
    video_exhibit(tmp_path, VIDEO_PANEL)
    (tmp_path / "film.mp4").write_bytes(head + content)
    result = load_exhibit(tmp_path)
    assert not result.ok
    [problem] = result.problems
    assert problem.line is not None
    assert "'film.mp4'" in problem.message

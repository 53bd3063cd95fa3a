"""Malformed files of every kind give one clear problem with file and line, never an exception."""

from pathlib import Path

import pytest

from kiosk.content.yaml_source import MAX_FILE_BYTES, SourceError, read_yaml


def problem_for(path: Path) -> str:
    with pytest.raises(SourceError) as caught:
        read_yaml(path)
    return caught.value.problem.format()


def test_plain_yaml_is_read_with_positions(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("title: Hello\nsections:\n  - id: one\n    year: 1933\n", encoding="utf-8")
    document = read_yaml(path)
    assert document.data == {"title": "Hello", "sections": [{"id": "one", "year": 1933}]}
    assert (
        document.values[("sections", 0, "year")].line,
        document.values[("sections", 0, "year")].column,
    ) == (4, 11)
    assert document.keys[("sections",)].line == 2


def test_dates_stay_as_written(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("date: 1933-11-16\n", encoding="utf-8")
    assert read_yaml(path).data == {"date": "1933-11-16"}


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # YAML 1.1 (PyYAML's own rules) read all of these as true/false: a Norwegian language code
        # `no`, a switch `on`, a closed day `off`.
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("True", True),
        ("false", False),
        # YAML 1.1 read 10:00 as 600 (base 60), 010 as 8 (octal) and 1_000 as a thousand.
        ("10:00", "10:00"),
        ("010", 10),
        ("0o17", 15),
        ("0x1F", 31),
        ("1_000", "1_000"),
        ("1e3", 1000.0),
        ("-.inf", float("-inf")),
        ("~", None),
        ("", None),
    ],
)
def test_unquoted_values_are_read_by_yaml_1_2_rules(tmp_path: Path, written: str, read: object) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f"value: {written}\n", encoding="utf-8")
    assert read_yaml(path).data == {"value": read}


def test_a_tagged_value_that_is_not_of_its_tag_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("count: !!int twelve\n", encoding="utf-8")
    document = read_yaml(path)
    assert document.data == {"count": None}
    assert [problem.format() for problem in document.problems] == [
        f"{path}:1:8: error: count: 'twelve' is not a value of the tag '!!int'"
    ]


def test_duplicate_key_is_reported_where_it_repeats(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("title: First\nsubtitle: x\ntitle: Second\n", encoding="utf-8")
    document = read_yaml(path)
    assert document.data["title"] == "First"
    [problem] = document.problems
    assert (
        problem.format()
        == f"{path}:3:1: error: title: duplicate key 'title' (first given at line 1); remove one of them"
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"title: A\n\tsubtitle: B\n",
            ":2:1: error: YAML syntax error: a tab character is used for indentation",
        ),
        (b"title: Recognition: 1933 is: here\n", ":1:"),
        (b"title: 'not closed\n", "error: YAML syntax error"),
        (b"- one\n- two\n", None),
        (
            b"a: !!python/object/apply:os.system ['ls']\n",
            ":1:4: error: a: unsupported tag '!!python/object/apply:os.system'",
        ),
        (b"a: 1\n---\nb: 2\n", ":2:1: error: the file holds more than one YAML document"),
        (b"a: *nowhere\n", ":1:4: error: alias '*nowhere' has no matching anchor '&nowhere'"),
        (b"a: &x [1, *x]\n", "refers to a value that contains it"),
        (b"<<: {a: 1}\n", "merge keys ('<<') are not supported"),
    ],
)
def test_malformed_yaml(tmp_path: Path, content: bytes, expected: str | None) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    try:
        document = read_yaml(path)
    except SourceError as error:
        message = error.problem.format()
    else:
        message = "\n".join(problem.format() for problem in document.problems)
    if expected is None:
        assert message == ""
    else:
        assert message.startswith(str(path))
        assert expected in message


def test_empty_and_comment_only_files(tmp_path: Path) -> None:
    for name, content in (("empty.yaml", ""), ("blank.yaml", "\n  \n"), ("comments.yaml", "# nothing\n")):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        assert problem_for(path) == f"{path}:1:1: error: file is empty"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert problem_for(path) == f"{path}:3:1: error: this is a binary file, not YAML text"


def test_wrong_encoding_points_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: ok\nteaser: caf\xe9\n".encode("latin-1"))
    assert problem_for(path) == (
        f"{path}:2:12: error: text is not UTF-8 (byte 0xe9); save the file with UTF-8 encoding"
    )


def test_utf16_is_named(tmp_path: Path) -> None:
    path = tmp_path / "utf16.yaml"
    path.write_bytes("title: x\n".encode("utf-16"))
    assert "save it as UTF-8" in problem_for(path)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: x\n")
    assert read_yaml(path).data == {"title": "x"}


def test_absurd_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert "nesting is too deep" in problem_for(path)


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "expands to more than" in problem_for(path)


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)
    assert "file is too large" in problem_for(path)


def test_missing_file(tmp_path: Path) -> None:
    assert problem_for(tmp_path / "nowhere.yaml").endswith("error: file not found")

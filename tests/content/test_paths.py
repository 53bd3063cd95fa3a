"""The one check that a path of an exhibit stays inside it, which validation and publishing share."""

from pathlib import Path, PurePosixPath

import pytest

from kiosk.content.paths import OutsideExhibitError, resolve_inside


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An exhibit folder with a picture, the shared assets beside it, and a folder elsewhere."""
    exhibit, assets, elsewhere = tmp_path / "exhibit", tmp_path / "assets", tmp_path / "elsewhere"
    for folder in (exhibit / "media", assets, elsewhere):
        folder.mkdir(parents=True)
    for folder in (exhibit / "media", assets, elsewhere):
        (folder / "seal.png").write_bytes(b"")
    return exhibit, assets, elsewhere


def outside(exhibit: Path, written: str, **roots: tuple[Path, ...]) -> OutsideExhibitError:
    with pytest.raises(OutsideExhibitError) as raised:
        resolve_inside(exhibit, written, **roots)
    return raised.value


def test_a_file_of_the_exhibit_is_itself(folders: tuple[Path, Path, Path]) -> None:
    exhibit, _, _ = folders
    assert resolve_inside(exhibit, "media/seal.png") == (exhibit / "media/seal.png").resolve()
    assert resolve_inside(exhibit, "./media/../media/seal.png") == (exhibit / "media/seal.png").resolve()


@pytest.mark.parametrize("written", ["../elsewhere/seal.png", "/etc/passwd", "media/../../elsewhere"])
def test_a_path_written_to_leave_is_refused_as_written(
    folders: tuple[Path, Path, Path], written: str
) -> None:
    exhibit, _, _ = folders
    refused = outside(exhibit, written)
    assert refused.link is None
    assert str(refused) == f"'{written}' leaves the exhibit folder"


def test_a_link_out_is_named_whichever_step_of_the_path_it_is(folders: tuple[Path, Path, Path]) -> None:
    exhibit, _, elsewhere = folders
    (exhibit / "media/linked.png").symlink_to(elsewhere / "seal.png")
    (exhibit / "more").symlink_to(elsewhere, target_is_directory=True)
    file = outside(exhibit, "media/linked.png")
    assert (file.link, file.link_to_folder) == (PurePosixPath("media/linked.png"), False)
    assert str(file).startswith("'media/linked.png' is a link to a file outside the exhibit folder")
    folder = outside(exhibit, "more/seal.png")
    assert (folder.link, folder.link_to_folder) == (PurePosixPath("more"), True)
    assert str(folder).startswith("'more/seal.png' is inside 'more', a link to a folder outside")


def test_a_link_inside_the_exhibit_is_followed(folders: tuple[Path, Path, Path]) -> None:
    exhibit, _, _ = folders
    (exhibit / "pictures").symlink_to("media", target_is_directory=True)
    assert resolve_inside(exhibit, "pictures/seal.png") == (exhibit / "media/seal.png").resolve()


def test_the_shared_assets_are_reached_by_a_written_path_never_by_a_link(
    folders: tuple[Path, Path, Path],
) -> None:
    exhibit, assets, _ = folders
    assert resolve_inside(exhibit, "../assets/seal.png", also=(assets,)) == (assets / "seal.png").resolve()
    (exhibit / "media/shared.png").symlink_to(assets / "seal.png")
    assert outside(exhibit, "media/shared.png", also=(assets,)).link == PurePosixPath("media/shared.png")


def test_links_round_in_a_circle_are_refused(folders: tuple[Path, Path, Path]) -> None:
    exhibit, _, _ = folders
    (exhibit / "one").symlink_to("two")
    (exhibit / "two").symlink_to("one")
    refused = outside(exhibit, "one")
    assert refused.circular
    assert "lead round in a circle" in str(refused)

"""A picture may differ by language, as text may: {en: map-en.svg, ru: map-ru.svg}."""

from collections.abc import Callable
from pathlib import Path

from kiosk.content.loader import load_exhibit
from kiosk.content.snapshot import load_snapshot, save_snapshot
from kiosk.content.summary import media_paths, picture_in, summarize
from kiosk.content.versions import VersionStore
from kiosk.viewmodels.presentation import Presenter

Write = Callable[..., Path]

BILINGUAL = """\
title: {en: Recognition, ru: Признание}
languages: [en, ru]
attract:
  slides:
    - image: {en: media/bar.svg, ru: media/square.svg}
      alt: {en: A square, ru: Квадрат}
      credit: {en: The museum, ru: Музей}
      headline: {en: Two letters, ru: Два письма}
      caption: {en: Where it began., ru: Где всё началось.}
sections:
  - id: only
    title: {en: Only, ru: Единственный}
    teaser: {en: One panel, ru: Одна панель}
    tile_image: {en: media/square.svg, ru: media/bar.svg}
    panels:
      - kind: image
        title: {en: The map, ru: Карта}
        image: {en: media/square.svg, ru: media/bar.svg}
        alt: {en: A map of Europe, ru: Карта Европы}
        caption: {en: Europe in 1933., ru: Европа в 1933 году.}
        credit: {en: The museum, ru: Музей}
"""


def test_each_language_sees_its_own_picture(exhibit_dir: Path, write: Write) -> None:
    write(BILINGUAL)
    result = load_exhibit(exhibit_dir)
    assert result.exhibit is not None, [problem.format() for problem in result.problems]
    assert [warning.format() for warning in result.warnings] == []
    panel = result.exhibit.sections[0].panels[0]
    english, russian = (Presenter(code, ("en",)).panel(panel) for code in ("en", "ru"))
    assert english["image"].startswith((exhibit_dir / "media/square.svg").as_uri())
    assert russian["image"].startswith((exhibit_dir / "media/bar.svg").as_uri())
    # A language the picture lacks sees the exhibit's first language's.
    assert Presenter("fr", ("en",)).panel(panel)["image"] == english["image"]
    summary = summarize(result.exhibit)
    tile = summary.sections[0].tile_image
    assert picture_in(tile, "en") == exhibit_dir / "media/square.svg"
    assert picture_in(tile, "ru") == exhibit_dir / "media/bar.svg"
    assert picture_in(summary.slides[0].image, "ru") == exhibit_dir / "media/square.svg"


def test_a_picture_missing_a_language_is_named_where_it_stands(exhibit_dir: Path, write: Write) -> None:
    path = write(
        BILINGUAL.replace(
            "tile_image: {en: media/square.svg, ru: media/bar.svg}", "tile_image: {en: media/square.svg}"
        ).replace("image: {en: media/square.svg, ru: media/bar.svg}", "image: {ru: media/bar.svg}")
    )
    result = load_exhibit(exhibit_dir)
    assert result.ok
    assert [warning.format() for warning in result.warnings] == [
        f"{path}:14:17: warning: sections[0].tile_image: the tile_image has no picture in 'ru': add ru: ...",
        f"{path}:18:16: warning: sections[0].panels[0].image: the image has no picture in 'en': add en: ...",
    ]


def test_a_picture_in_a_language_the_exhibit_lacks(exhibit_dir: Path, write: Write) -> None:
    path = write(
        BILINGUAL.replace(
            "ru: media/bar.svg}\n    panels", "ru: media/bar.svg, fr: media/bar.svg}\n    panels"
        )
    )
    assert [warning.format() for warning in load_exhibit(exhibit_dir).warnings] == [
        f"{path}:14:63: warning: sections[0].tile_image.fr: the tile_image has a picture in 'fr', which "
        "is not one of the exhibit's languages ('en', 'ru'): no visitor will see it; declare the "
        "language under languages:, or remove the picture"
    ]


def test_one_path_serves_every_language(exhibit_dir: Path, write: Write) -> None:
    write(
        BILINGUAL.replace(
            "tile_image: {en: media/square.svg, ru: media/bar.svg}", "tile_image: media/square.svg"
        )
    )
    result = load_exhibit(exhibit_dir)
    assert result.ok
    assert [warning.format() for warning in result.warnings] == []


def test_a_missing_file_is_pointed_at_in_its_language(exhibit_dir: Path, write: Write) -> None:
    path = write(BILINGUAL.replace("ru: media/bar.svg}\n        alt", "ru: media/bra.svg}\n        alt"))
    result = load_exhibit(exhibit_dir)
    assert [problem.format() for problem in result.problems] == [
        f"{path}:18:43: error: sections[0].panels[0].image.ru: file not found: 'media/bra.svg' "
        "(did you mean 'media/bar.svg'?)"
    ]


def test_a_map_that_is_not_of_languages(exhibit_dir: Path, write: Write) -> None:
    path = write(
        BILINGUAL.replace(
            "{en: media/square.svg, ru: media/bar.svg}\n    panels", "{english: media/square.svg}\n    panels"
        )
    )
    assert [problem.format() for problem in load_exhibit(exhibit_dir).problems] == [
        f"{path}:14:5: error: sections[0].tile_image: 'english' is not a language code; use codes such "
        "as 'en' or 'ru'"
    ]


def test_each_language_s_picture_keeps_to_the_size_rules(exhibit_dir: Path, write: Write) -> None:
    path = write(BILINGUAL.replace("ru: media/bar.svg}\n        alt", "ru: media/paper.png}\n        alt"))
    warnings = [warning.format() for warning in load_exhibit(exhibit_dir).warnings]
    assert len(warnings) == 1
    assert warnings[0].startswith(
        f"{path}:18:43: warning: sections[0].panels[0].image.ru: 'media/paper.png' is "
    )


def test_every_language_s_picture_is_published_and_kept_in_the_snapshot(
    exhibit_dir: Path, write: Write, tmp_path: Path
) -> None:
    write(BILINGUAL)
    publication = VersionStore.for_exhibit(tmp_path / "data", exhibit_dir, keep=2).publish()
    assert publication.version is not None
    assert publication.exhibit is not None
    folder = publication.version.folder
    tile = publication.exhibit.sections[0].tile_image
    assert tile is not None
    assert [(code, media.path) for code, media in tile.by_language] == [
        ("en", folder / "media/square.svg"),
        ("ru", folder / "media/bar.svg"),
    ]
    assert all(path.is_file() for path in media_paths(publication.exhibit))
    assert {path.name for path in media_paths(publication.exhibit)} == {"square.svg", "bar.svg"}

    result = load_exhibit(folder)
    assert result.exhibit is not None
    summary = summarize(result.exhibit)
    save_snapshot(tmp_path / "cache", folder, summary, [*result.files, *media_paths(result.exhibit)])
    kept = load_snapshot(tmp_path / "cache", folder)
    assert kept == summary
    assert kept is not None
    assert picture_in(kept.sections[0].tile_image, "ru") == folder / "media/bar.svg"

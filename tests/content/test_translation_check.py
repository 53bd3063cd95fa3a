"""`kiosk validate` names every visitor-facing text an exhibit lacks in one of its languages."""

from collections.abc import Callable
from pathlib import Path

from kiosk.cli import main
from kiosk.content.loader import load_exhibit
from kiosk.content.problems import Severity
from tests.conftest import write_wav

Write = Callable[..., Path]

BILINGUAL = """\
title: {en: Recognition, ru: Признание}
languages: [en, ru]
sections:
  - id: only
    title: {en: Only, ru: Единственный}
    teaser: {en: One panel, ru: Одна панель}
    tile_image: media/square.svg
    panels:
      - kind: quote
        title: {en: The letter, ru: Письмо}
        text: {en: Words that someone wrote., ru: "Слова, которые кто-то написал."}
        attribution: {en: Someone, ru: Кто-то}
        source: {en: A volume, ru: Том}
        translated: [ru]
"""


def translation_warnings(folder: Path) -> list[str]:
    result = load_exhibit(folder)
    assert result.ok, [problem.format() for problem in result.problems]
    assert all(warning.severity is Severity.WARNING for warning in result.warnings)
    return [warning.format() for warning in result.warnings]


def test_a_fully_translated_exhibit_has_nothing_to_report(exhibit_dir: Path, write: Write) -> None:
    write(BILINGUAL)
    assert translation_warnings(exhibit_dir) == []


def test_texts_missing_a_language_are_named_where_they_stand(exhibit_dir: Path, write: Write) -> None:
    path = write(
        BILINGUAL.replace("title: {en: Only, ru: Единственный}", "title: Only")
        .replace("attribution: {en: Someone, ru: Кто-то}", "attribution: {en: Someone}")
        .replace("source: {en: A volume, ru: Том}", "source: {ru: Том}")
    )
    assert translation_warnings(exhibit_dir) == [
        f"{path}:5:12: warning: sections[0].title: the title is written once, for every language: "
        "write it in each of 'en', 'ru', as a map (en: ..., ru: ...)",
        f"{path}:12:22: warning: sections[0].panels[0].attribution: the attribution has no text in 'ru': "
        "add ru: ...",
        f"{path}:13:17: warning: sections[0].panels[0].source: the source has no text in 'en': add en: ...",
    ]


def test_text_without_letters_serves_every_language(exhibit_dir: Path, write: Write) -> None:
    write(BILINGUAL.replace("teaser: {en: One panel, ru: Одна панель}", "teaser: 1917–1933"))
    assert translation_warnings(exhibit_dir) == []


def test_languages_the_exhibit_does_not_declare(exhibit_dir: Path, write: Write) -> None:
    path = write(
        BILINGUAL.replace(
            "{en: Recognition, ru: Признание}", "{en: Recognition, ru: Признание, fr: Reconnaissance}"
        ).replace("translated: [ru]", "translated: [ru, de]")
    )
    assert translation_warnings(exhibit_dir) == [
        f"{path}:1:45: warning: title.fr: the title has text in 'fr', which is not one of the exhibit's "
        "languages ('en', 'ru'): no visitor will read it; declare the language under languages:, or "
        "remove the text",
        f"{path}:14:26: warning: sections[0].panels[0].translated[1]: translated names 'de', which is not "
        "one of the exhibit's languages ('en', 'ru')",
    ]


ONE_LANGUAGE = """\
title: Recognition
languages: [en]
sections:
  - id: only
    title: {en: Only}
    teaser: One panel
    tile_image: media/square.svg
    panels:
      - kind: quote
        title: The letter
        text: Words that someone wrote.
        attribution: Someone
        source: A volume
"""


def test_a_single_language_exhibit_reads_texts_written_once_in_its_language(
    exhibit_dir: Path, write: Write
) -> None:
    write(ONE_LANGUAGE)
    assert translation_warnings(exhibit_dir) == []


def test_a_single_language_exhibit_names_languages_it_does_not_declare(
    exhibit_dir: Path, write: Write
) -> None:
    path = write(
        ONE_LANGUAGE.replace("title: {en: Only}", "title: {en: Only, ru: Единственный}")
        .replace("tile_image: media/square.svg", "tile_image: {en: media/square.svg, ru: media/square.svg}")
        .replace("source: A volume", "source: {ru: Том}")
    )
    assert translation_warnings(exhibit_dir) == [
        f"{path}:5:27: warning: sections[0].title.ru: the title has text in 'ru', which is not one of "
        "the exhibit's languages ('en'): no visitor will read it; declare the language under languages:, "
        "or remove the text",
        f"{path}:7:44: warning: sections[0].tile_image.ru: the tile_image has a picture in 'ru', which is "
        "not one of the exhibit's languages ('en'): no visitor will see it; declare the language under "
        "languages:, or remove the picture",
        f"{path}:13:17: warning: sections[0].panels[0].source: the source has no text in 'en': add en: ...",
        f"{path}:13:22: warning: sections[0].panels[0].source.ru: the source has text in 'ru', which is "
        "not one of the exhibit's languages ('en'): no visitor will read it; declare the language under "
        "languages:, or remove the text",
    ]


def test_narrations_in_each_language(exhibit_dir: Path, write: Write) -> None:
    write_wav(exhibit_dir / "media" / "read.wav", 4.0)
    (exhibit_dir / "media" / "read.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:03.000\nWords, read slowly.\n", encoding="utf-8"
    )
    narrated = "        translated: [ru]\n        narration:\n"
    one = "          audio: media/read.wav\n          captions: media/read.vtt\n          credit: {en: Read, ru: Читает}\n"
    per_language = "".join(
        f"          {code}:\n            audio: media/read.wav\n            captions: media/read.vtt\n"
        f"            credit: {{en: Read, ru: Читает}}\n"
        for code in ("en", "fr")
    )
    path = write(BILINGUAL.replace("        translated: [ru]\n", narrated + one))
    assert translation_warnings(exhibit_dir) == [
        f"{path}:16:11: warning: sections[0].panels[0].narration: the narration, one recording captioned "
        "by media/read.vtt, serves every language: give each of 'en', 'ru' its own (narration: en: ..., "
        "ru: ...)",
    ]
    path = write(BILINGUAL.replace("        translated: [ru]\n", narrated + per_language))
    assert translation_warnings(exhibit_dir) == [
        f"{path}:16:11: warning: sections[0].panels[0].narration: the narration has no recording in 'ru': "
        "add ru: ...",
        f"{path}:21:13: warning: sections[0].panels[0].narration.fr: the narration in 'fr' is in none of "
        "the exhibit's languages ('en', 'ru'): no visitor will hear it",
    ]


def test_strict_refuses_an_exhibit_with_missing_translations(exhibit_dir: Path, write: Write) -> None:
    write(BILINGUAL.replace("{en: Only, ru: Единственный}", "Only"))
    assert main(["validate", str(exhibit_dir)]) == 0
    assert main(["validate", "--strict", str(exhibit_dir)]) == 1


def test_a_misspelt_key_in_one_language_s_narration_is_named(exhibit_dir: Path, write: Write) -> None:
    write_wav(exhibit_dir / "media" / "read.wav", 4.0)
    narration = (
        "        narration:\n"
        "          en: {audio: media/read.wav, credit: Read, cues: [{start: 0, end: 2, text: Words.}]}\n"
        "          ru: {audoi: media/read.wav, credit: Читает, cues: [{start: 0, end: 2, text: Слова.}]}\n"
    )
    path = write(BILINGUAL + narration)
    result = load_exhibit(exhibit_dir)
    assert [problem.format() for problem in result.problems] == [
        f"{path}:17:16: error: sections[0].panels[0].narration.ru.audoi: unknown key 'audoi' "
        "(did you mean 'audio'?)",
    ]


def test_each_language_hears_its_own_narration(exhibit_dir: Path, write: Write) -> None:
    from kiosk.content.models import narration_in

    write_wav(exhibit_dir / "media" / "en.wav", 4.0)
    write_wav(exhibit_dir / "media" / "ru.wav", 4.0)
    write(
        BILINGUAL + "        narration:\n"
        "          en: {audio: media/en.wav, credit: Read, cues: [{start: 0, end: 2, text: Words.}]}\n"
        "          ru: {audio: media/ru.wav, credit: Читает, cues: [{start: 0, end: 2, text: Слова.}]}\n"
    )
    result = load_exhibit(exhibit_dir)
    assert result.exhibit is not None
    narration = result.exhibit.sections[0].panels[0].narration
    assert narration_in(narration, ("ru", "en")).audio.path.name == "ru.wav"
    assert narration_in(narration, ("fr", "en")).audio.path.name == "en.wav"

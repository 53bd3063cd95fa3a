"""A film's script: its shots, their drawings and camera moves, and its words in every language."""

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kiosk.content.yaml_source import SourceError, read_yaml
from tools.narrate import WORDS_PER_MINUTE


class ScriptError(Exception):
    pass


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Framing(_Strict):
    """Where the camera looks: `zoom` 1 shows the drawing's whole height; (x, y) is the point of
    the drawing, as fractions of its width and height, held at the centre of the picture."""

    zoom: float = Field(gt=0.5, le=4.0)
    x: float = Field(ge=0.0, le=1.0)
    y: float = Field(ge=0.0, le=1.0)


class Camera(_Strict):
    start: Framing = Field(alias="from")
    end: Framing = Field(alias="to")


class Shot(_Strict):
    drawing: str
    camera: Camera
    description: dict[str, str]
    words: dict[str, str]


class Voices(_Strict):
    narration: dict[str, str]
    description: dict[str, str]


class FilmScript(_Strict):
    #: The exhibit's folder, from the script's own folder; the drawings and outputs are in it.
    exhibit: str
    title: dict[str, str]
    film: str
    poster: str
    captions: dict[str, str]
    voices: Voices
    #: Words a minute, for every voice.
    speed: int = Field(default=WORDS_PER_MINUTE, ge=80, le=450)
    shots: list[Shot] = Field(min_length=1)

    @property
    def languages(self) -> list[str]:
        return list(self.captions)

    @model_validator(mode="after")
    def _every_language_everywhere(self) -> "FilmScript":
        languages = set(self.captions)
        needed = {
            "title": self.title,
            "voices.narration": self.voices.narration,
            "voices.description": self.voices.description,
        }
        for number, shot in enumerate(self.shots, start=1):
            needed[f"shot {number} description"] = shot.description
            needed[f"shot {number} words"] = shot.words
        for where, texts in needed.items():
            if set(texts) != languages:
                raise ValueError(f"{where} has {sorted(texts)}, the captions {sorted(languages)}")
        return self


def exhibit_folder(script_path: Path, script: FilmScript) -> Path:
    """The exhibit the script is for: a folder with an exhibit.yaml."""
    folder = (script_path.resolve().parent / script.exhibit).resolve()
    if not (folder / "exhibit.yaml").is_file():
        raise ScriptError(
            f"{script_path}: exhibit: {script.exhibit} is not an exhibit's folder (no exhibit.yaml)"
        )
    return folder


def load_script(path: Path) -> FilmScript:
    try:
        return FilmScript.model_validate(read_yaml(path).data)
    except SourceError as error:
        raise ScriptError(error.problem.format()) from error
    except ValidationError as error:
        raise ScriptError(f"{path}: {error}") from error

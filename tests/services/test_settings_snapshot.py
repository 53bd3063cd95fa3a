"""The settings of an unchanged file are taken from their snapshot; anything else is validated."""

from pathlib import Path

import pytest

from kiosk.services import settings_snapshot
from kiosk.services.settings import KEYS, InstallationSettings, load_settings
from kiosk.services.settings_snapshot import KeptSettings, SettingsQueries, StartSettings, snapshot_path
from kiosk.services.staff_access import hash_pin

#: Every setting, none of them at its default: each must come back from the snapshot as it validated.
EVERY_SETTING = f"""\
exhibit: exhibits/recognition-1933
pin_hash: "{hash_pin("2468")}"
opening_hours:
  everyday: "10:00-18:00"
  monday: closed
  friday: "10:00-13:00, 14:00-22:00"
daily_restart: "04:30"
memory_ceiling_mb: 900
log_dir: logs
idle_timeout: 90
countdown: 30.5
screen_width_mm: 952
screen_height_mm: 535
screen_bottom_mm: 800
picture_limit_megapixels: 24
page_limit_megapixels: 100
renderer: software
kiosk_name: gallery-2-recognition
metrics_address: "[::1]:9633"
metrics_textfile: metrics/kiosk.prom
content_git: https://git.museum.org/exhibits/recognition.git
content_ref: gallery-2027
content_path: recognition-1933
content_check_every: 600
allowed_signers: allowed_signers
screens: ["1920x1080", "800x600"]
analytics: false
analytics_retention_days: 90
analytics_max_mb: 50
video_volume: 0.9
video_volume_min: 0.6
video_volume_max: 0.3
video_idle_cap_s: 600
"""


def write(folder: Path, text: str) -> Path:
    path = folder / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def assert_same_settings(kept: KeptSettings, validated: InstallationSettings) -> None:
    for key in KEYS:
        assert getattr(kept, key) == getattr(validated, key), key
        assert type(getattr(kept, key)) is type(getattr(validated, key)), key
    # And everything the settings answer beyond their values: the kiosk asks the kept ones alike.
    queries = [
        name
        for name, value in vars(InstallationSettings).items()
        if callable(value) and not name.startswith("_") and not name.startswith("model_")
    ]
    for name in [*queries, *(name for name in vars(SettingsQueries) if not name.startswith("_"))]:
        assert getattr(kept, name)() == getattr(validated, name)(), name


def test_the_example_names_every_setting() -> None:
    assert {line.partition(":")[0] for line in EVERY_SETTING.splitlines() if not line.startswith(" ")} == set(
        KEYS
    )


def test_an_unchanged_file_is_taken_from_the_snapshot_as_it_validated(tmp_path: Path) -> None:
    path = write(tmp_path, EVERY_SETTING)
    first = StartSettings(path, tmp_path / "cache")
    assert first.validated
    assert first.problems == []
    first.keep(tmp_path / "cache")

    second = StartSettings(path, tmp_path / "cache")

    assert not second.validated
    assert isinstance(second.settings, KeptSettings)
    assert_same_settings(second.settings, load_settings(path)[0])


def test_no_file_is_kept_as_the_defaults_until_one_appears(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    StartSettings(path, tmp_path / "cache").keep(tmp_path / "cache")
    kept = StartSettings(path, tmp_path / "cache")
    assert not kept.validated
    assert_same_settings(kept.settings, InstallationSettings())

    write(tmp_path, "renderer: hardware\n")
    assert StartSettings(path, tmp_path / "cache").validated


def test_a_changed_file_is_validated_with_its_problems_at_every_start(tmp_path: Path) -> None:
    path = write(tmp_path, EVERY_SETTING)
    StartSettings(path, tmp_path / "cache").keep(tmp_path / "cache")
    write(tmp_path, EVERY_SETTING.replace("countdown: 30.5", "countdown: 5"))

    for _ in range(2):
        start = StartSettings(path, tmp_path / "cache")
        assert start.validated
        assert [problem.format(relative_to=tmp_path) for problem in start.problems] == [
            "settings.yaml:11:12: error: countdown: must be at least 20 seconds, so that visitors have time to "
            "answer (WCAG 2.2.1, Timing Adjustable); found 5"
        ]
        assert start.settings.countdown is None
        # A file with problems is never kept: its problems are said at every start.
        start.keep(tmp_path / "cache")


def test_a_file_changed_while_it_was_validated_is_not_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "countdown: 30\n")
    start = StartSettings(path, tmp_path / "cache")
    write(tmp_path, "countdown: 45\n")
    start.keep(tmp_path / "cache")

    again = StartSettings(path, tmp_path / "cache")
    assert again.validated
    assert again.settings.countdown == 45


def test_new_code_for_the_settings_validates_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "code").mkdir()
    code = tmp_path / "code" / "bounds.py"
    code.write_text("# the rules as they were\n", encoding="utf-8")
    monkeypatch.setattr(settings_snapshot, "_SETTINGS_CODE", (tmp_path / "code",))
    path = write(tmp_path, "countdown: 30\n")
    StartSettings(path, tmp_path / "cache").keep(tmp_path / "cache")
    assert not StartSettings(path, tmp_path / "cache").validated

    code.write_text("# stricter rules\n", encoding="utf-8")
    assert StartSettings(path, tmp_path / "cache").validated


def test_a_relative_path_is_read_from_the_file_s_folder_wherever_the_file_is(tmp_path: Path) -> None:
    for folder in (tmp_path / "one", tmp_path / "two"):
        folder.mkdir()
        path = write(folder, "log_dir: logs\n")
        StartSettings(path, tmp_path / "cache").keep(tmp_path / "cache")
    for folder in (tmp_path / "one", tmp_path / "two"):
        kept = StartSettings(folder / "settings.yaml", tmp_path / "cache")
        assert not kept.validated
        assert kept.settings.log_dir == folder / "logs"


def test_safe_mode_reads_no_snapshot(tmp_path: Path) -> None:
    path = write(tmp_path, "countdown: 30\n")
    StartSettings(path, tmp_path / "cache").keep(tmp_path / "cache")
    assert StartSettings(path, None).validated


def test_kept_settings_cannot_be_changed(tmp_path: Path) -> None:
    path = write(tmp_path, "countdown: 30\n")
    StartSettings(path, tmp_path / "cache").keep(tmp_path / "cache")
    kept = StartSettings(path, tmp_path / "cache").settings
    with pytest.raises(AttributeError):
        kept.countdown = 5
    assert "pin_hash" not in repr(kept)


def test_a_snapshot_that_cannot_be_written_is_said_and_the_kiosk_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write(tmp_path, "countdown: 30\n")
    (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
    start = StartSettings(path, tmp_path / "cache")
    start.keep(tmp_path / "cache")
    assert "could not keep the installation settings' snapshot" in caplog.text
    assert start.settings.countdown == 30
    assert not snapshot_path(tmp_path / "cache", path).exists()

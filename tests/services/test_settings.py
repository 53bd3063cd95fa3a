"""The installation settings file: read with exact positions for every problem, written atomically."""

import os
import stat
from datetime import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.pictures import SizeLimits
from kiosk.content.problems import Severity
from kiosk.services import settings_snapshot
from kiosk.services.schedule import OpeningHours
from kiosk.services.screen import DEFAULT_SCREEN_BOTTOM_MM, ScreenPlacement
from kiosk.services.settings import (
    KEYS,
    InstallationSettings,
    default_settings_path,
    format_settings,
    load_settings,
    save_settings,
)
from kiosk.services.staff_access import hash_pin

PIN_HASH = hash_pin("2468")


def write(folder: Path, text: str) -> Path:
    path = folder / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def messages(folder: Path, text: str) -> list[str]:
    _, problems = load_settings(write(folder, text))
    return [problem.format(relative_to=folder) for problem in problems]


def test_the_settings_live_in_the_user_configuration_folder(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert default_settings_path() == tmp_path / "kiosk" / "settings.yaml"


def test_without_settings_of_its_own_an_account_reads_the_machine_s(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    machine = write(tmp_path, "idle_timeout: 77\n")
    monkeypatch.setattr(settings_snapshot, "SYSTEM_SETTINGS", machine)
    assert default_settings_path() == machine

    (tmp_path / "config" / "kiosk").mkdir(parents=True)
    own = write(tmp_path / "config" / "kiosk", "idle_timeout: 88\n")
    assert default_settings_path() == own


def test_machine_settings_an_account_may_not_read_are_not_its_default(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(settings_snapshot, "SYSTEM_SETTINGS", tmp_path / "no-such-folder" / "settings.yaml")
    assert default_settings_path() == tmp_path / "config" / "kiosk" / "settings.yaml"


def test_a_missing_file_is_all_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.yaml") == (InstallationSettings(), [])
    assert load_settings(tmp_path / "no" / "such" / "settings.yaml") == (InstallationSettings(), [])


@pytest.mark.parametrize("text", ["", "\n\n", "# nothing set yet\n", "---\n", "~\n"])
def test_an_empty_file_is_all_defaults(tmp_path: Path, text: str) -> None:
    assert load_settings(write(tmp_path, text)) == (InstallationSettings(), [])


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""\
exhibit: exhibits/recognition-1933
pin_hash: "{PIN_HASH}"
opening_hours:
  everyday: "10:00-18:00"
  monday: closed
  friday: "10:00-13:00, 14:00-22:00"
daily_restart: "04:30"
memory_ceiling_mb: 900
log_dir: /var/log/kiosk
idle_timeout: 90
countdown: 30.5
screen_width_mm: 1210
screen_height_mm: 680.5
screen_bottom_mm: 700
picture_limit_megapixels: 32
page_limit_megapixels: 150.5
renderer: software
""",
    )
    loaded, problems = load_settings(path)
    assert problems == []
    assert loaded == InstallationSettings(
        exhibit=tmp_path / "exhibits" / "recognition-1933",
        pin_hash=PIN_HASH,
        opening_hours=OpeningHours.from_text(
            {"everyday": "10:00-18:00", "monday": "closed", "friday": "10:00-13:00, 14:00-22:00"}
        ),
        daily_restart=time(4, 30),
        memory_ceiling_mb=900,
        log_dir=Path("/var/log/kiosk"),
        idle_timeout=90.0,
        countdown=30.5,
        screen_width_mm=1210.0,
        screen_height_mm=680.5,
        screen_bottom_mm=700.0,
        picture_limit_megapixels=32.0,
        page_limit_megapixels=150.5,
        renderer="software",
    )
    assert loaded.size_limits() == SizeLimits(picture_megapixels=32, page_megapixels=150.5)


def test_relative_paths_are_read_from_the_settings_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    loaded, problems = load_settings(write(tmp_path, "exhibit: ../shared/exhibit\nlog_dir: ~/logs\n"))
    assert problems == []
    assert loaded.exhibit == tmp_path / ".." / "shared" / "exhibit"
    assert loaded.log_dir == tmp_path / "home" / "logs"


def test_unquoted_times_are_read_as_written(tmp_path: Path) -> None:
    # YAML 1.1 reads an unquoted 10:00 as the number 600 (base 60); staff mean ten o'clock.
    loaded, problems = load_settings(
        write(
            tmp_path,
            "daily_restart: 10:00\nopening_hours:\n  everyday: 10:00-18:00\n  sunday: 4:30 # early\n",
        )
    )
    assert loaded.daily_restart == time(10, 0)
    assert [problem.format(relative_to=tmp_path) for problem in problems] == [
        'settings.yaml:4:11: error: opening_hours.sunday: expected hours like "10:00-18:00" '
        '(opening-closing), or closed; found "4:30"'
    ]


def test_an_unknown_key_says_which_was_meant(tmp_path: Path) -> None:
    assert messages(tmp_path, "exhibit: here\ncountdown: 30\nmemry_ceiling_mb: 900\nfoo: 1\n") == [
        "settings.yaml:3:1: error: memry_ceiling_mb: unknown key 'memry_ceiling_mb' "
        "(did you mean 'memory_ceiling_mb'?)",
        "settings.yaml:4:1: error: foo: unknown key 'foo'; expected one of: " + ", ".join(KEYS),
    ]


def test_a_pin_written_out_is_refused(tmp_path: Path) -> None:
    loaded, problems = load_settings(write(tmp_path, "pin: 2468\n"))
    assert loaded.pin_hash is None
    assert [problem.format(relative_to=tmp_path) for problem in problems] == [
        "settings.yaml:1:1: error: pin: the PIN itself must not be stored: remove this line, and set "
        "pin_hash, the PIN's hash, instead"
    ]


def test_a_damaged_pin_hash_leaves_staff_access_shut(tmp_path: Path) -> None:
    loaded, problems = load_settings(write(tmp_path, f'pin_hash: "{PIN_HASH[:-8]}"\n'))
    assert loaded.pin_hash is None
    assert [problem.format(relative_to=tmp_path) for problem in problems] == [
        "settings.yaml:1:11: error: pin_hash: is not a PIN hash (scrypt$n=…,r=…,p=…$…$…); set the PIN "
        "again to write a new one. Until then staff access is refused"
    ]


def test_a_countdown_under_twenty_seconds_is_an_error(tmp_path: Path) -> None:
    loaded, problems = load_settings(write(tmp_path, "idle_timeout: 45\n\ncountdown: 10\n"))
    assert [problem.format(relative_to=tmp_path) for problem in problems] == [
        "settings.yaml:3:12: error: countdown: must be at least 20 seconds, so that visitors have time "
        "to answer (WCAG 2.2.1, Timing Adjustable); found 10"
    ]
    # What was wrong keeps its default; the rest is read.
    assert loaded == InstallationSettings(idle_timeout=45.0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("idle_timeout: 5\n", "1:15: error: idle_timeout: must be 10 to 3600 seconds, found 5"),
        ("idle_timeout: soon\n", "1:15: error: idle_timeout: expected a number of seconds, found text"),
        (
            "idle_timeout: .nan\n",
            "1:15: error: idle_timeout: expected a number of seconds, found .nan (not a number)",
        ),
        ("countdown: 301\n", "1:12: error: countdown: must be at most 300 seconds, found 301"),
        (
            "countdown: true\n",
            "1:12: error: countdown: expected a number of seconds, found true/false (true); "
            "put it in quotes if it is text",
        ),
        (
            "memory_ceiling_mb: 100\n",
            "1:20: error: memory_ceiling_mb: 100 MB is too low: the kiosk needs more than that to run, "
            "and would restart over and over; give at least 256",
        ),
        (
            "memory_ceiling_mb: 900.5\n",
            "1:20: error: memory_ceiling_mb: expected a whole number of megabytes, found a number (900.5); "
            "put it in quotes if it is text",
        ),
        (
            "daily_restart: 25:00\n",
            '1:16: error: daily_restart: "25:00" is not a time of day (00:00 to 23:59)',
        ),
        (
            "daily_restart: 430\n",
            '1:16: error: daily_restart: expected a time like "04:30", found a number (430); '
            "put it in quotes if it is text",
        ),
        (
            "exhibit: [a, b]\n",
            "1:10: error: exhibit: expected the path of the exhibit's folder, found a list",
        ),
        (
            "log_dir: ''\n",
            "1:10: error: log_dir: is empty; give the path of the folder for the log files, or leave the key out",
        ),
        (
            "opening_hours: 10:00-18:00\n",
            "1:16: error: opening_hours: expected days and their hours "
            '(monday: "10:00-18:00", sunday: closed …), found text',
        ),
        (
            "screen_width_mm: 43\n",
            "1:18: error: screen_width_mm: must be 100 to 5000 mm, found 43; is it in centimetres or inches?",
        ),
        (
            "screen_height_mm: big\n",
            "1:19: error: screen_height_mm: expected the picture's height in millimetres, found text",
        ),
        (
            "screen_bottom_mm: -10\n",
            "1:19: error: screen_bottom_mm: must be 0 to 3000 mm, found -10",
        ),
        (
            "picture_limit_megapixels: 100\n",
            "1:27: error: picture_limit_megapixels: must be 1 to 64 megapixels (Qt decodes a picture "
            "whole, and refuses one of more than 256 MB (64 megapixels)); found 100",
        ),
        (
            "page_limit_megapixels: 0.5\n",
            "1:24: error: page_limit_megapixels: must be 1 to 400 megapixels (no page is cut into tiles "
            "over 20000 x 20000 pixels); found 0.5",
        ),
        (
            "page_limit_megapixels: lots\n",
            "1:24: error: page_limit_megapixels: expected a number of megapixels (such as 24), found text",
        ),
        (
            "renderer: gpu\n",
            "1:11: error: renderer: unknown renderer 'gpu'; expected one of auto, software, hardware",
        ),
        (
            "renderer: sofware\n",
            "1:11: error: renderer: unknown renderer 'sofware' (did you mean 'software'?)",
        ),
        (
            "renderer: false\n",
            "1:11: error: renderer: expected one of auto, software, hardware, found true/false (false); "
            "put it in quotes if it is text",
        ),
        (
            "- exhibit: x\n",
            "1:1: error: expected settings as keys and values (exhibit:, opening_hours: …), found a list",
        ),
    ],
)
def test_a_wrong_value_is_reported_where_it_stands(tmp_path: Path, text: str, message: str) -> None:
    loaded, problems = load_settings(write(tmp_path, text))
    assert loaded == InstallationSettings()
    assert [problem.format(relative_to=tmp_path) for problem in problems] == [f"settings.yaml:{message}"]


def test_opening_hours_with_a_mistake_leave_the_kiosk_always_open(tmp_path: Path) -> None:
    loaded, problems = load_settings(
        write(
            tmp_path,
            """\
daily_restart: "04:30"
opening_hours:
  monday: "10:00-18:00"
  tusday: "10:00-18:00"
  wednesday: "10:00-25:00"
  thursday:
  friday: closed
""",
        )
    )
    assert loaded == InstallationSettings(daily_restart=time(4, 30))
    assert [problem.format(relative_to=tmp_path) for problem in problems] == [
        "settings.yaml:4:3: error: opening_hours.tusday: unknown key 'tusday' (did you mean 'tuesday'?)",
        'settings.yaml:5:14: error: opening_hours.wednesday: "25:00" is not a time of day (00:00 to 23:59)',
        'settings.yaml:6:12: error: opening_hours.thursday: expected hours like "10:00-18:00", or closed; '
        "found nothing (an empty value)",
    ]


def test_a_kiosk_that_never_opens_is_warned_about(tmp_path: Path) -> None:
    loaded, problems = load_settings(
        write(tmp_path, "opening_hours:\n  everyday: closed\n  friday: closed\n")
    )
    assert loaded.opening_hours is not None
    assert loaded.opening_hours.never_open
    assert [problem.severity for problem in problems] == [Severity.WARNING]
    assert problems[0].format(relative_to=tmp_path) == (
        "settings.yaml:1:1: warning: opening_hours: every day is closed, so the kiosk never opens; "
        'name the days it is open (monday: "10:00-18:00") or use everyday:'
    )


@pytest.mark.parametrize("word", ["no", "off", "Off"])
def test_a_day_written_off_is_read_by_yaml_1_2_and_not_taken_for_closed(tmp_path: Path, word: str) -> None:
    """YAML 1.1 read `off` and `no` as false, which once stood for closed; YAML 1.2 reads them as
    the words they are, which are not hours: the file says so, and the kiosk stays open."""
    loaded, problems = load_settings(
        write(tmp_path, f"opening_hours:\n  everyday: closed\n  friday: {word}\n")
    )
    assert loaded.opening_hours is None
    assert [problem.format(relative_to=tmp_path) for problem in problems] == [
        f'settings.yaml:3:11: error: opening_hours.friday: expected hours like "10:00-18:00", or closed for '
        f'a day without any; found "{word}"'
    ]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("kiosk_name: yes\n", {"kiosk_name": "yes"}),
        ("content_ref: on\n", {"content_ref": "on"}),
        ("daily_restart: 4:30\n", {"daily_restart": time(4, 30)}),
        ("memory_ceiling_mb: 0o1000\n", {"memory_ceiling_mb": 512}),
    ],
)
def test_settings_are_read_by_yaml_1_2_rules_as_the_exhibit_is(tmp_path: Path, text: str, read: dict) -> None:
    loaded, problems = load_settings(write(tmp_path, text))
    assert problems == []
    assert loaded == InstallationSettings(**read)


def test_syntax_errors_and_duplicates_come_from_the_yaml_reader(tmp_path: Path) -> None:
    assert messages(tmp_path, 'exhibit: "here\ncountdown: 30\n') == [
        "settings.yaml:3:1: error: YAML syntax error: found unexpected end of stream "
        "(a quotation mark is not closed)"
    ]
    assert messages(tmp_path, "countdown: 30\ncountdown: 40\n") == [
        "settings.yaml:2:1: error: countdown: duplicate key 'countdown' (first given at line 1); remove one of them"
    ]
    assert load_settings(write(tmp_path, "countdown: 30\ncountdown: 40\n"))[0].countdown == 30


def test_a_folder_or_a_binary_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "settings.yaml").mkdir()
    assert [problem.message for problem in load_settings(tmp_path / "settings.yaml")[1]] == [
        "expected a YAML file, found a folder"
    ]
    binary = tmp_path / "other.yaml"
    binary.write_bytes(b"countdown: 30\n\x00\x01")
    assert [problem.format(relative_to=tmp_path) for problem in load_settings(binary)[1]] == [
        "other.yaml:2:1: error: this is a binary file, not YAML text"
    ]


def test_settings_check_themselves_as_the_file_is_checked() -> None:
    """Settings made in code meet the same bounds, with the same words, as the file's."""
    with pytest.raises(ValueError, match=r"countdown\n  must be at least 20 seconds"):
        InstallationSettings(countdown=10)
    with pytest.raises(ValueError, match=r"page_limit_megapixels\n  must be 1 to 400 megapixels"):
        InstallationSettings(page_limit_megapixels=1000)
    assert InstallationSettings().size_limits() == SizeLimits()
    with pytest.raises(ValueError, match=r"pin_hash\n  is not a PIN hash"):
        InstallationSettings(pin_hash="2468")
    with pytest.raises(
        ValueError, match=r"renderer\n  unknown renderer 'gpu'; expected one of auto, software"
    ):
        InstallationSettings(renderer="gpu")
    with pytest.raises(ValueError, match="unknown_setting"):
        InstallationSettings(unknown_setting=1)  # type: ignore[call-arg]
    assert "scrypt" not in repr(InstallationSettings(pin_hash=PIN_HASH))


FULL = InstallationSettings(
    exhibit=Path("/srv/exhibits/recognition-1933"),
    pin_hash=PIN_HASH,
    opening_hours=OpeningHours.from_text(
        {"everyday": "10:00-18:00", "monday": "closed", "friday": "18:00-02:00"}
    ),
    daily_restart=time(4, 30),
    memory_ceiling_mb=900,
    log_dir=Path("/var/log/kiosk"),
    idle_timeout=90.0,
    countdown=30.5,
    screen_width_mm=535.0,
    screen_height_mm=952.0,
    screen_bottom_mm=650.5,
    picture_limit_megapixels=32.0,
    page_limit_megapixels=150.0,
    renderer="hardware",
)


def test_saving_writes_readable_yaml_that_reads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "config" / "kiosk" / "settings.yaml"
    save_settings(path, FULL)
    assert path.read_text(encoding="utf-8") == (
        "# Installation settings of the kiosk. Leave a key out for its default.\n"
        "\n"
        'exhibit: "/srv/exhibits/recognition-1933"\n'
        f'pin_hash: "{PIN_HASH}"\n'
        "opening_hours:\n"
        "  monday: closed\n"
        '  tuesday: "10:00-18:00"\n'
        '  wednesday: "10:00-18:00"\n'
        '  thursday: "10:00-18:00"\n'
        '  friday: "18:00-02:00"\n'
        '  saturday: "10:00-18:00"\n'
        '  sunday: "10:00-18:00"\n'
        'daily_restart: "04:30"\n'
        "memory_ceiling_mb: 900\n"
        'log_dir: "/var/log/kiosk"\n'
        "idle_timeout: 90\n"
        "countdown: 30.5\n"
        "screen_width_mm: 535\n"
        "screen_height_mm: 952\n"
        "screen_bottom_mm: 650.5\n"
        "picture_limit_megapixels: 32\n"
        "page_limit_megapixels: 150\n"
        "renderer: hardware\n"
    )
    assert load_settings(path) == (FULL, [])
    assert [item.name for item in path.parent.iterdir()] == ["settings.yaml"]


def test_paths_inside_the_settings_folder_are_saved_relative_to_it(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    saved = InstallationSettings(exhibit=tmp_path / "exhibits" / "a", log_dir=tmp_path / "logs")
    save_settings(path, saved)
    assert 'exhibit: "exhibits/a"\nlog_dir: "logs"\n' in path.read_text(encoding="utf-8")
    assert load_settings(path) == (saved, [])


def test_defaults_save_as_a_file_of_comments(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    save_settings(path, InstallationSettings())
    assert yaml.safe_load(path.read_text(encoding="utf-8")) is None
    assert load_settings(path) == (InstallationSettings(), [])


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_file_is_private_and_an_old_one_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    save_settings(path, FULL)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o640)
    save_settings(path, InstallationSettings(countdown=25))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert load_settings(path) == (InstallationSettings(countdown=25), [])


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="only root gives a file to another group")
def test_root_setting_the_pin_keeps_the_file_readable_by_the_kiosk_s_group_alone(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    save_settings(path, FULL)
    kiosk_group = 65534  # any group but root's, as the Debian package's group kiosk
    os.chown(path, 0, kiosk_group)
    path.chmod(0o640)
    save_settings(path, InstallationSettings(pin_hash=hash_pin("1357")))
    assert (path.stat().st_uid, path.stat().st_gid) == (0, kiosk_group)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_failed_save_leaves_the_old_file_whole(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "settings.yaml"
    save_settings(path, FULL)
    before = path.read_bytes()

    def fail(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="No space left"):
        save_settings(path, InstallationSettings(countdown=25))
    assert path.read_bytes() == before
    assert [item.name for item in tmp_path.iterdir()] == ["settings.yaml"]


def test_the_written_text_is_what_save_writes(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    save_settings(path, FULL)
    assert path.read_text(encoding="utf-8") == format_settings(FULL, tmp_path)


YAML_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["10:00", "closed"]),
)
YAML_VALUES = st.recursive(
    YAML_SCALARS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=12,
)
HOURS_TEXT = st.text(alphabet="0123456789:-–, closedCLOSED", max_size=24)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_raises(tmp_path: Path, text: str) -> None:
    loaded, problems = load_settings(write(tmp_path, text))
    assert isinstance(loaded, InstallationSettings)
    assert all(problem.message for problem in problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(
        alphabet=st.sampled_from(list("abcdefilmnoprstuy_: -\n\"'#[]{}0123456789.~&*!|>")), max_size=200
    )
)
def test_text_that_looks_like_settings_never_raises(tmp_path: Path, text: str) -> None:
    loaded, problems = load_settings(write(tmp_path, text))
    assert isinstance(loaded, InstallationSettings)
    assert all(problem.message for problem in problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.sampled_from(KEYS),
    value=YAML_VALUES
    | st.dictionaries(st.sampled_from(["monday", "everyday", "sunday"]), HOURS_TEXT, max_size=3),
)
def test_any_value_of_a_known_key_is_read_or_reported_in_place(
    tmp_path: Path, key: str, value: object
) -> None:
    text = yaml.safe_dump({key: value}, allow_unicode=True)
    loaded, problems = load_settings(write(tmp_path, text))
    errors = [problem for problem in problems if problem.severity is Severity.ERROR]
    if errors:
        assert all(problem.line is not None for problem in errors)
    elif value is not None:
        assert getattr(loaded, key) is not None


def test_the_screen_is_a_43_inch_landscape_screen_at_800_mm_unless_said() -> None:
    placement = InstallationSettings().screen_placement()
    assert placement.picture_mm(portrait=False) == (952.0, 535.0)
    assert placement.picture_mm(portrait=True) == (535.0, 952.0)
    assert placement.bottom_mm == DEFAULT_SCREEN_BOTTOM_MM == 800.0


def test_a_screen_turned_for_the_window_keeps_its_size() -> None:
    portrait = InstallationSettings(screen_width_mm=680, screen_height_mm=1210, screen_bottom_mm=400)
    placement = portrait.screen_placement()
    assert placement == ScreenPlacement(680.0, 1210.0, 400.0)
    assert placement.picture_mm(portrait=True) == (680.0, 1210.0)
    # Tried out in a landscape window at a desk: the same screen, lying on its side.
    assert placement.picture_mm(portrait=False) == (1210.0, 680.0)


def test_one_side_alone_is_taken_as_16_9_and_warned_about(tmp_path: Path) -> None:
    loaded, problems = load_settings(write(tmp_path, "idle_timeout: 60\nscreen_width_mm: 1600\n"))
    assert [problem.format(relative_to=tmp_path) for problem in problems] == [
        "settings.yaml:2:1: warning: screen_width_mm: screen_width_mm without screen_height_mm: the kiosk "
        "takes the picture to be 16:9; give screen_height_mm as well, so that touch targets are 20 mm on the glass"
    ]
    assert loaded.screen_placement().picture_mm(portrait=False) == (1600.0, 900.0)


# The kiosk's name and where its metrics go.


def test_the_metrics_settings_are_read_and_saved_back(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'kiosk_name: gallery-2\nmetrics_address: "0.0.0.0:9100"\nmetrics_textfile: textfile/kiosk.prom\n',
    )
    loaded, problems = load_settings(path)
    assert problems == []
    assert (loaded.kiosk_name, loaded.metrics_address, loaded.metrics_textfile) == (
        "gallery-2",
        ("0.0.0.0", 9100),
        tmp_path / "textfile" / "kiosk.prom",
    )
    save_settings(path, loaded)
    assert load_settings(path) == (loaded, [])
    assert 'metrics_address: "0.0.0.0:9100"\nmetrics_textfile: "textfile/kiosk.prom"\n' in path.read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("", ("127.0.0.1", 9633)),
        ("metrics_address: none\n", None),
        ("metrics_address: None\n", None),
        ("metrics_address: ~\n", None),
        ('metrics_address: "[::1]:9633"\n', ("::1", 9633)),
        ("metrics_address: kiosk-7.gallery.example:9633\n", ("kiosk-7.gallery.example", 9633)),
    ],
)
def test_the_metrics_address_is_host_and_port_or_none(tmp_path: Path, text: str, address: object) -> None:
    loaded, problems = load_settings(write(tmp_path, text))
    assert problems == []
    assert loaded.metrics_address == address
    path = tmp_path / "saved.yaml"
    save_settings(path, loaded)
    assert load_settings(path)[0].metrics_address == address


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "metrics_address: 9633\n",
            '1:18: error: metrics_address: expected host:port, such as "127.0.0.1:9633" or "[::1]:9633", '
            "or none; found a number (9633); put it in quotes if it is text",
        ),
        (
            'metrics_address: "127.0.0.1"\n',
            '1:18: error: metrics_address: expected host:port, such as "127.0.0.1:9633" or "[::1]:9633", '
            "or none; found '127.0.0.1'",
        ),
        (
            'metrics_address: "127.0.0.1:70000"\n',
            "1:18: error: metrics_address: the port must be 1 to 65535, found 70000",
        ),
        (
            "metrics_textfile: /var/lib/node_exporter/kiosk.txt\n",
            "1:19: error: metrics_textfile: must end in .prom, or node_exporter's textfile collector "
            "does not read it; found '/var/lib/node_exporter/kiosk.txt'",
        ),
        (
            "kiosk_name: ''\n",
            "1:13: error: kiosk_name: is empty; give this kiosk a name, or leave the key out for the host's name",
        ),
    ],
)
def test_a_wrong_metrics_setting_is_reported_where_it_stands(tmp_path: Path, text: str, message: str) -> None:
    loaded, problems = load_settings(write(tmp_path, text))
    assert loaded == InstallationSettings()
    assert [problem.format(relative_to=tmp_path) for problem in problems] == [f"settings.yaml:{message}"]


# Content from a git repository.


def test_the_content_repository_settings_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "content_git: git@git.museum.example:exhibits/recognition.git\n"
        "content_ref: gallery-2027\n"
        "content_path: /exhibits/recognition-1933/\n"
        "content_check_every: 120\n"
        "allowed_signers: keys/allowed_signers\n",
    )
    loaded, problems = load_settings(path)
    assert problems == []
    assert loaded == InstallationSettings(
        content_git="git@git.museum.example:exhibits/recognition.git",
        content_ref="gallery-2027",
        content_path="exhibits/recognition-1933",
        content_check_every=120.0,
        allowed_signers=tmp_path / "keys" / "allowed_signers",
    )
    assert load_settings(write(tmp_path, ""))[0].content_check_every == 300


def test_a_repository_on_this_machine_is_read_from_the_settings_folder(tmp_path: Path) -> None:
    loaded, _ = load_settings(
        write(tmp_path, "content_git: ../content.git\nallowed_signers: /etc/kiosk/signers\n")
    )
    assert loaded.content_git == str(tmp_path / ".." / "content.git")
    for url in (
        "https://git.museum.example/exhibits.git",
        "ssh://kiosk@server/srv/exhibits.git",
        "file:///srv/x",
    ):
        loaded, _ = load_settings(
            write(tmp_path, f"content_git: {url}\nallowed_signers: /etc/kiosk/signers\n")
        )
        assert loaded.content_git == url


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "content_git: https://git.museum.example/exhibits.git\n",
            "1:14: error: content_git: allowed_signers is required with content_git: name the OpenSSH "
            "allowed_signers file of the keys that sign the content; until then nothing from the "
            "repository is shown",
        ),
        ("content_ref: main..old\n", "1:14: error: content_ref: expected the name of a branch or a tag"),
        (
            "content_ref: --upload-pack=x\n",
            "1:14: error: content_ref: expected the name of a branch or a tag",
        ),
        ("content_path: ../../etc\n", "1:15: error: content_path: expected a folder inside the repository"),
        (
            "content_git: --upload-pack=touch\n",
            "1:14: error: content_git: '--upload-pack=touch' is not a URL",
        ),
        (
            "content_check_every: 5\n",
            "1:22: error: content_check_every: must be 30 to 86400 seconds, found 5",
        ),
        ("allowed_signers: 7\n", "1:18: error: allowed_signers: expected the path of the OpenSSH"),
    ],
)
def test_a_wrong_content_setting_is_reported_where_it_stands(tmp_path: Path, text: str, message: str) -> None:
    _, problems = load_settings(write(tmp_path, text))
    assert problems
    assert problems[0].format(relative_to=tmp_path).startswith(f"settings.yaml:{message}")


def test_the_content_repository_settings_save_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    settings = InstallationSettings(
        content_git="https://git.museum.example/exhibits.git",
        content_ref="main",
        content_path="recognition-1933",
        content_check_every=600.0,
        allowed_signers=tmp_path / "allowed_signers",
    )
    save_settings(path, settings)
    assert 'allowed_signers: "allowed_signers"\n' in path.read_text(encoding="utf-8")
    assert load_settings(path) == (settings, [])


# The screens `kiosk validate` checks that text fits on.


def test_screens_default_to_landscape_and_portrait_full_hd_and_read_back_as_saved(tmp_path: Path) -> None:
    assert InstallationSettings().screens == ((1920, 1080), (1080, 1920))
    settings, problems = load_settings(write(tmp_path, 'screens: ["1280x800", "3840 x 2160", "1280x800"]\n'))
    assert problems == []
    assert settings.screens == ((1280, 800), (3840, 2160))
    path = tmp_path / "saved" / "settings.yaml"
    save_settings(path, settings)
    assert 'screens: ["1280x800", "3840x2160"]' in path.read_text(encoding="utf-8")
    assert load_settings(path) == (settings, [])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("screens: 1920x1080\n", 'expected a list of screen sizes such as ["1920x1080", "1080x1920"]'),
        ("screens: []\n", "expected a list of screen sizes"),
        ('screens: ["1920 by 1080"]\n', "expected a screen size such as 1920x1080, found"),
        ('screens: ["100x100"]\n', "a screen's sides must be 320 to 16384 pixels, found 100x100"),
    ],
)
def test_a_screen_list_that_cannot_be_used_keeps_the_default_and_says_why(
    tmp_path: Path, text: str, message: str
) -> None:
    settings, _ = load_settings(write(tmp_path, text))
    assert settings.screens == InstallationSettings().screens
    found = messages(tmp_path, text)
    assert len(found) == 1
    assert found[0].startswith("settings.yaml:1:10: error: screens: "), found
    assert message in found[0]


def test_screens_made_in_code_are_checked_as_the_file_s_are() -> None:
    assert InstallationSettings(screens=((1280, 800),)).screens == ((1280, 800),)
    with pytest.raises(ValueError, match="a screen's sides must be 320 to 16384 pixels, found 100x100"):
        InstallationSettings(screens=((100, 100),))

from pathlib import Path

#: The shared folder of media and fonts beside `exhibits/`.
DEFAULT_ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
#: The file at the root of every exhibit folder.
EXHIBIT_FILE = "exhibit.yaml"
#: The exhibit a kiosk shows when neither the command line nor the installation settings name one.
DEFAULT_EXHIBIT = Path("exhibits/recognition-1933")


def user_cache_dir() -> Path:
    """The kiosk's cache folder on this machine (tile pyramids): safe to delete, rebuilt on use."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("kiosk", appauthor=False))

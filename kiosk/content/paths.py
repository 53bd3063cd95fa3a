from pathlib import Path

#: The shared folder of media and fonts beside `exhibits/`.
DEFAULT_ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"

from pathlib import Path

#: The shared folder of media and fonts beside `exhibits/`.
DEFAULT_ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
#: The exhibit a kiosk shows when neither the command line nor the installation settings name one.
DEFAULT_EXHIBIT = Path("exhibits/recognition-1933")

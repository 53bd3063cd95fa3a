"""The exhibit model and its loading from curator-written YAML. Pure Python: no Qt here."""

from kiosk.content.loader import LoadResult, load_exhibit
from kiosk.content.problems import Problem

__all__ = ["LoadResult", "Problem", "load_exhibit"]

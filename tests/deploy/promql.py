"""PromQL expressions of the deploy files: parsed by promtool, and the metric names they read."""

import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

import yaml

from tests.deploy.kiosk_metrics import metric_names
from tests.deploy.prometheus_server import tool

#: Series Prometheus makes itself: a target's scrape result, and the alerts.
PROMETHEUS_OWN = frozenset({"up", "ALERTS", "ALERTS_FOR_STATE"})

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_LABEL_MATCHERS = re.compile(r"\{[^}]*\}")
_RANGE = re.compile(r"\[[^\]]*\]")
_GROUPING = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")
_IDENTIFIER = re.compile(r"(?<![\w.])[a-zA-Z_:][\w:]*+(?!\s*\()")
_KEYWORDS = frozenset(
    {"and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right"}
    | {"inf", "nan", "Inf", "NaN"}
)


def metric_names_in(expression: str) -> set[str]:
    """The metric names an expression selects (a function's or an aggregation's name is not one)."""
    bare = _STRING.sub('""', expression)
    bare = _LABEL_MATCHERS.sub("", bare)
    bare = _RANGE.sub("", bare)
    bare = _GROUPING.sub("", bare)
    return {name for name in _IDENTIFIER.findall(bare) if name not in _KEYWORDS}


def known_metric_names() -> set[str]:
    """What the deploy files may read: the kiosk's metrics and Prometheus's own series."""
    return metric_names() | PROMETHEUS_OWN


def promtool_check_expressions(
    expressions: Mapping[str, str], folder: Path
) -> subprocess.CompletedProcess[str]:
    """Runs `promtool check rules` on a file recording each expression under its key's name,
    so that Prometheus's own parser reads every one."""
    rules = [
        {"record": f"dashboard:{re.sub(r'[^a-zA-Z0-9_]', '_', key)}", "expr": expression}
        for key, expression in expressions.items()
    ]
    path = folder / "expressions.rules.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "expressions", "rules": rules}]}), encoding="utf-8")
    return subprocess.run(
        [tool("promtool"), "check", "rules", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

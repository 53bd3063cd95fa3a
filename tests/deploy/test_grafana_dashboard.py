"""The fleet dashboard: importable into Grafana, and every query in it read by Prometheus itself."""

import json
import re
from itertools import combinations
from pathlib import Path

import pytest

from tests.deploy.kiosk_metrics import KioskMetrics
from tests.deploy.prometheus_server import REPOSITORY, PrometheusServer
from tests.deploy.promql import known_metric_names, metric_names_in, promtool_check_expressions

DASHBOARD = REPOSITORY / "deploy" / "grafana" / "kiosk-fleet.json"
GRID_COLUMNS = 24

#: Values for Grafana's variables, as it substitutes them before sending a query.
GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$__interval": "1m", "$__range": "1d", "$kiosk": ".*"}


def dashboard() -> dict:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))


def expressions() -> dict[str, str]:
    """Every PromQL expression the dashboard sends, as Prometheus receives it, by where it is."""
    found = {}
    for panel in dashboard()["panels"]:
        for target in panel["targets"]:
            found[f"panel {panel['id']} ({panel['title']}) {target['refId']}"] = target["expr"]
    for variable in dashboard()["templating"]["list"]:
        if variable["type"] == "query":
            selector = re.fullmatch(r"label_values\((.+), *\w+\)", variable["query"]["query"])
            assert selector, f"variable {variable['name']}: not a label_values() query"
            found[f"variable {variable['name']}"] = selector[1]
    substituted = {}
    for where, expression in found.items():
        for variable in sorted(GRAFANA_VARIABLES, key=len, reverse=True):
            expression = expression.replace(variable, GRAFANA_VARIABLES[variable])
        assert "$" not in expression, f"{where}: a variable the dashboard does not define: {expression}"
        substituted[where] = expression
    return substituted


def test_the_dashboard_has_what_grafana_needs_to_import_it() -> None:
    board = dashboard()
    assert board["title"] == "Kiosk fleet"
    assert re.fullmatch(r"[a-zA-Z0-9_-]{1,40}", board["uid"])
    assert isinstance(board["schemaVersion"], int)
    assert board["schemaVersion"] >= 36  # datasources referred to by uid
    ids = [panel["id"] for panel in board["panels"]]
    assert len(ids) == len(set(ids)), "panel ids are unique"
    for panel in board["panels"]:
        assert isinstance(panel["id"], int)
        assert all(panel[field] for field in ("type", "title", "targets")), panel
        grid = panel["gridPos"]
        assert all(isinstance(grid[side], int) for side in "xywh"), panel["title"]
        assert min(grid["x"], grid["y"]) >= 0, panel["title"]
        assert min(grid["w"], grid["h"]) > 0, panel["title"]
        assert grid["x"] + grid["w"] <= GRID_COLUMNS, f"{panel['title']} is wider than the dashboard"
        assert len({target["refId"] for target in panel["targets"]}) == len(panel["targets"])


def test_no_two_panels_overlap() -> None:
    def cells(panel: dict) -> set[tuple[int, int]]:
        grid = panel["gridPos"]
        return {
            (x, y)
            for x in range(grid["x"], grid["x"] + grid["w"])
            for y in range(grid["y"], grid["y"] + grid["h"])
        }

    for first, second in combinations(dashboard()["panels"], 2):
        assert not cells(first) & cells(second), f"{first['title']} overlaps {second['title']}"


def test_every_query_goes_to_the_prometheus_chosen_on_import() -> None:
    """No data source is named by a uid of one Grafana: the museum's own is chosen in a variable."""
    board = dashboard()
    (chooser,) = [v for v in board["templating"]["list"] if v["type"] == "datasource"]
    assert chooser["query"] == "prometheus"
    chosen = {"type": "prometheus", "uid": f"${{{chooser['name']}}}"}
    for panel in board["panels"]:
        assert panel["datasource"] == chosen, panel["title"]
        assert all(target["datasource"] == chosen for target in panel["targets"]), panel["title"]
    assert all(v["datasource"] == chosen for v in board["templating"]["list"] if v["type"] == "query")


def test_there_is_a_row_per_kiosk_with_up_version_last_visit_and_memory() -> None:
    (fleet,) = [panel for panel in dashboard()["panels"] if panel["title"] == "Fleet"]
    assert fleet["type"] == "table"
    read = set().union(*(metric_names_in(target["expr"]) for target in fleet["targets"]))
    assert {"up", "kiosk_content_version_info", "kiosk_visits_total", "process_resident_memory_bytes"} <= read
    assert all(target.get("instant") and target.get("format") == "table" for target in fleet["targets"])


def test_prometheus_parses_every_query(tmp_path: Path) -> None:
    result = promtool_check_expressions(expressions(), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_query_prometheus_cannot_parse_is_caught(tmp_path: Path) -> None:
    result = promtool_check_expressions({"broken": "sum by (kiosk) (rate(kiosk_touches_total[1m])"}, tmp_path)
    assert result.returncode != 0


def test_every_query_reads_only_metrics_a_kiosk_or_prometheus_publishes() -> None:
    known = known_metric_names()
    for where, expression in expressions().items():
        unknown = metric_names_in(expression) - known
        assert not unknown, f"{where} reads metrics nobody publishes: {sorted(unknown)}"


@pytest.mark.slow
def test_the_queries_answer_from_a_real_prometheus_scraping_kiosks(tmp_path: Path) -> None:
    """Each query runs without error, and the fleet table's have a row for each kiosk."""
    with KioskMetrics("gallery-1") as gallery_1, KioskMetrics("gallery-2") as gallery_2:
        kiosks = {"gallery-1": gallery_1.serve(), "gallery-2": gallery_2.serve()}
        with PrometheusServer(tmp_path / "prometheus", kiosks) as prometheus:
            prometheus.wait_for_targets_up(kiosks)
            gallery_1.visits.inc()
            gallery_2.state.state("closed")
            prometheus.wait_for_scrapes(2)  # so that rates and increases see the changes
            answers = {where: prometheus.query(expression) for where, expression in expressions().items()}

    (fleet,) = [panel for panel in dashboard()["panels"] if panel["title"] == "Fleet"]
    for target in fleet["targets"]:
        rows = answers[f"panel {fleet['id']} (Fleet) {target['refId']}"]
        # Grafana's merge makes one row of the rows whose shared columns agree: each query's
        # rows have the same two, and no other that could differ between queries.
        assert all(not {"__name__", "job"} & row["metric"].keys() for row in rows), target["expr"]
        if target["refId"] == "VISIT":  # needs a visit in a 5-minute step Prometheus has seen
            continue
        assert sorted(row["metric"]["kiosk"] for row in rows) == sorted(kiosks), target["expr"]
    states = answers[f"panel {fleet['id']} (Fleet) STATE"]
    assert {row["metric"]["kiosk"]: row["metric"]["kiosk_state"] for row in states} == {
        "gallery-1": "home",
        "gallery-2": "closed",
    }
    assert [row["value"][1] for row in answers["panel 1 (Kiosks up) A"]] == ["2"]

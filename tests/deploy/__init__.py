"""The deployment files for a fleet (deploy/prometheus, deploy/grafana), checked with the real tools.

promtool checks the scrape configuration and the alert rules and runs their unit tests; a real
Prometheus server, started on loopback by `prometheus_server`, scrapes kiosks' metrics (served
by `kiosk_metrics` with prometheus_client) and raises the alerts a museum's would.
"""

#!/usr/bin/env python3
"""Prints the performance issue's table (scenarios a-e, c-ws and the two storms, one column per target) as Markdown.

    python3 bench/results/issue_table.py bench/results/round2 tack nchan pushpin cref

Reads <root>/<target>/<scenario>.json as bench/scenarios.sh writes them; a missing report shows as "-".
"""
import json
import os
import sys


def load(root, target, scenario):
    path = os.path.join(root, target, scenario + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def num(v):
    if v >= 100:
        return "{:,.0f}".format(v)
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


def failed(r):
    n = r["connections"]["failed"]
    return " (%s failed)" % "{:,}".format(n) if n else ""


def p99(r):
    return num(r["latencyMs"]["p99"]) + " ms" + failed(r)


def idle_bytes(r):
    c = r["connections"]
    missing = c["attempted"] - c["made"]
    return "{:,.0f}".format(r["proxy"]["rssPerConnectionBytes"]) + (
        " (%s not connected)" % "{:,}".format(missing) if missing else "")


def cpu_per_connection(r):
    return "%.3f ms" % r["proxy"]["cpuMsPerConnection"]


def rate(r):
    return "{:,.0f}".format(r["deliveries"]["perSecondWhilePublishing"]) + failed(r)


def handshakes(r):
    h = r["handshakeMs"]
    return "%s / %s ms%s" % (num(h["p50"]), num(h["p99"]), failed(r))


ROWS = [
    ("(a) 5k SSE, 1 channel, 10 msg/s: p99", "a", p99),
    ("(b) 5k WebSocket, same: p99", "b", p99),
    ("(c) 19,500 idle SSE: bytes/conn", "c", idle_bytes),
    ("(c) server CPU per new connection", "c", cpu_per_connection),
    ("(c-ws) 19,500 idle WebSockets: bytes/conn", "c-ws", idle_bytes),
    ("(d) 1,000 ch x 10 subs, 200 msg/s: p99", "d", p99),
    ("(e) 1k subs flat out: deliveries/s", "e", rate),
    ("storm: 10k SSE at 5,000/s: handshake p50 / p99", "storm-sse", handshakes),
    ("storm: 10k WebSocket at 5,000/s: p50 / p99", "storm-ws", handshakes),
]


def cell(root, target, scenario, figure):
    r = load(root, target, scenario)
    return "-" if r is None else figure(r)


def main():
    root, targets = sys.argv[1], sys.argv[2:]
    print("| scenario | " + " | ".join(targets) + " |")
    print("| --- |" + " --- |" * len(targets))
    for label, scenario, figure in ROWS:
        print("| %s | %s |" % (label, " | ".join(cell(root, t, scenario, figure) for t in targets)))
    storms = []
    for t in targets:
        parts = [cell(root, t, s, lambda r: "%.2f" % r["proxy"]["cpuMsPerConnection"]) for s in ("storm-sse", "storm-ws")]
        storms.append(" / ".join(parts) + " ms")
    print("| storm: CPU per new connection (SSE / WS) | " + " | ".join(storms) + " |")
    loads = []
    for t in targets:
        hosts = [load(root, t, s) for s in ("a", "b", "c", "c-ws", "d", "e", "storm-sse", "storm-ws")]
        values = [h["host"]["loadAverageStart"] for h in hosts if h] + [h["host"]["loadAverageEnd"] for h in hosts if h]
        loads.append("%.1f-%.1f" % (min(values), max(values)) if values else "-")
    print("| host load average over these runs | " + " | ".join(loads) + " |")


if __name__ == "__main__":
    main()

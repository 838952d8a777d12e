#!/usr/bin/env python3
"""Prints the key figures of bench/scenarios.sh reports as Markdown table rows.

    python3 bench/results/table.py bench/results/pushpin [bench/results/tack]

One column per results directory; a scenario missing from a directory shows as "pending".
"""
import json
import os
import sys


def load(directory, name):
    path = os.path.join(directory, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def ms(p):
    return "%s / %s / %s" % (fmt(p["p50"]), fmt(p["p99"]), fmt(p["max"]))


def fmt(v):
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


def kib(v):
    return "%.0f MiB" % (v / 1024.0)


ROWS = [
    ("a", "connections made / failed", lambda r: "%d / %d" % (r["connections"]["made"], r["connections"]["failed"])),
    ("a", "deliveries received / expected", lambda r: "%d / %d" % (r["deliveries"]["received"], r["deliveries"]["expected"])),
    ("a", "latency p50 / p99 / max (ms)", lambda r: ms(r["latencyMs"])),
    ("a", "last subscriber p50 / p99 / max (ms)", lambda r: ms(r["lastSubscriberMs"])),
    ("a", "publish API answer p50 / p99 (ms)", lambda r: "%s / %s" % (fmt(r["publish"]["apiLatencyMs"]["p50"]), fmt(r["publish"]["apiLatencyMs"]["p99"]))),
    ("a", "deliveries/s while publishing", lambda r: "%.0f" % r["deliveries"]["perSecondWhilePublishing"]),
    ("a", "proxy CPU while publishing (cores)", lambda r: "%.2f" % r["proxy"]["cpuCoresPublishing"]),
    ("a", "proxy RSS per connection", lambda r: "%.1f KB" % (r["proxy"]["rssPerConnectionBytes"] / 1000)),
    ("b", "connections made / failed", lambda r: "%d / %d" % (r["connections"]["made"], r["connections"]["failed"])),
    ("b", "deliveries received / expected", lambda r: "%d / %d" % (r["deliveries"]["received"], r["deliveries"]["expected"])),
    ("b", "latency p50 / p99 / max (ms)", lambda r: ms(r["latencyMs"])),
    ("b", "last subscriber p50 / p99 / max (ms)", lambda r: ms(r["lastSubscriberMs"])),
    ("b", "publish API answer p50 / p99 (ms)", lambda r: "%s / %s" % (fmt(r["publish"]["apiLatencyMs"]["p50"]), fmt(r["publish"]["apiLatencyMs"]["p99"]))),
    ("b", "deliveries/s while publishing", lambda r: "%.0f" % r["deliveries"]["perSecondWhilePublishing"]),
    ("b", "proxy CPU while publishing (cores)", lambda r: "%.2f" % r["proxy"]["cpuCoresPublishing"]),
    ("b", "proxy RSS per connection", lambda r: "%.1f KB" % (r["proxy"]["rssPerConnectionBytes"] / 1000)),
    ("c", "connections made / failed", lambda r: "%d / %d" % (r["connections"]["made"], r["connections"]["failed"])),
    ("c", "proxy RSS before / with all connected", lambda r: "%s / %s" % (kib(r["proxy"]["rssBeforeKb"]), kib(r["proxy"]["rssConnectedKb"]))),
    ("c", "proxy RSS per connection", lambda r: "%.1f KB" % (r["proxy"]["rssPerConnectionBytes"] / 1000)),
    ("d", "deliveries received / expected", lambda r: "%d / %d" % (r["deliveries"]["received"], r["deliveries"]["expected"])),
    ("d", "latency p50 / p99 / max (ms)", lambda r: ms(r["latencyMs"])),
    ("d", "last subscriber p50 / p99 / max (ms)", lambda r: ms(r["lastSubscriberMs"])),
    ("d", "proxy CPU while publishing (cores)", lambda r: "%.2f" % r["proxy"]["cpuCoresPublishing"]),
    ("e", "messages published in 10 s", lambda r: "%d" % r["publish"]["accepted"]),
    ("e", "deliveries/s while publishing", lambda r: "%.0f" % r["deliveries"]["perSecondWhilePublishing"]),
    ("e", "deliveries/s until the last arrived", lambda r: "%.0f" % r["deliveries"]["perSecond"]),
    ("e", "latency p50 / p99 / max (ms)", lambda r: ms(r["latencyMs"])),
    ("e", "proxy CPU while publishing (cores)", lambda r: "%.2f" % r["proxy"]["cpuCoresPublishing"]),
]
for storm in ("storm-sse", "storm-ws"):
    ROWS += [
        (storm, "connections made / failed", lambda r: "%d / %d" % (r["connections"]["made"], r["connections"]["failed"])),
        (storm, "handshake p50 / p99 / max (ms)", lambda r: ms(r["handshakeMs"])),
        (storm, "server CPU per new connection (ms)", lambda r: "%.3f" % r["proxy"]["cpuMsPerConnection"]),
        (storm, "origin connections held / peak", lambda r: "%d / %d" % (r["proxy"]["originConnections"], r["proxy"]["originConnectionsPeak"])),
    ]
ROWS += [
    ("reconnect", "dropped / reconnected", lambda r: "%d / %d" % (r["reconnect"]["dropped"], r["reconnect"]["reconnected"])),
    ("reconnect", "reconnect handshake p50 / p99 / max (ms)", lambda r: ms(r["reconnect"]["handshakeMs"])),
    ("reconnect", "caught up: p50 / p99 / max (ms)", lambda r: ms(r["reconnect"]["catchUpMs"])),
    ("reconnect", "messages skipped across the reconnect", lambda r: "%d" % r["reconnect"]["missedAcrossReconnect"]),
    ("reconnect", "deliveries lost / expected", lambda r: "%d / %d" % (r["deliveries"]["lost"], r["deliveries"]["expected"])),
]


def main(dirs):
    names = [os.path.basename(os.path.normpath(d)) for d in dirs]
    print("| scenario | figure | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(dirs))
    for scenario, label, get in ROWS:
        cells = []
        for d in dirs:
            r = load(d, scenario)
            try:
                cells.append(get(r) if r else "pending")
            except (KeyError, TypeError):  # a figure this target or an older report does not have
                cells.append("-")
        print("| %s | %s | %s |" % (scenario, label, " | ".join(cells)))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])

package dev.tack.proxy.admin;

import java.util.List;
import java.util.Map;

/**
 * What the status page shows, sent to it as JSON once a second. Rates are per second over the time since the
 * previous report.
 *
 * @param version       Tack's version
 * @param uptimeSeconds seconds since the server started
 * @param connections   client connections now: {@code total}, then one entry per transport
 * @param subscriptions (connection, channel) subscriptions now
 * @param channels      channels with subscribers now (summed over event loops)
 * @param rates         {@code requests}, {@code publishes}, {@code deliveries}, {@code drops} per second
 * @param totals        the same since start, plus {@code publishRejected} and {@code connectionFailures}
 * @param drops         items that did not reach a subscriber since start, by reason
 * @param outboxQueued  messages waiting in slow clients' outboxes now
 * @param topChannels   the busiest channels, most subscribers first
 * @param eventLoops    tasks waiting on each event loop now (how far behind it is)
 * @param routes        origin health per route
 * @param config        the configuration summary
 */
record StatusReport(String version, long uptimeSeconds, Map<String, Long> connections, long subscriptions,
        long channels, Map<String, Double> rates, Map<String, Long> totals, Map<String, Long> drops,
        long outboxQueued, List<TopChannel> topChannels, List<EventLoopDepth> eventLoops, List<RouteHealth> routes,
        Map<String, String> config) {

    record TopChannel(String channel, int subscribers) {
    }

    record EventLoopDepth(String name, int pendingTasks) {
    }

    /**
     * @param state              {@code idle} (no request in the interval), {@code ok}, {@code degraded} (some
     *                           failed) or {@code failing} (half or more failed)
     * @param requestsPerSecond  answered or failed requests per second in the interval
     * @param errorsPerSecond    failed requests per second in the interval
     * @param averageMillis      mean latency in the interval, 0 when idle
     */
    record RouteHealth(String route, String state, double requestsPerSecond, double errorsPerSecond,
            double averageMillis, long requests, long errors) {
    }
}

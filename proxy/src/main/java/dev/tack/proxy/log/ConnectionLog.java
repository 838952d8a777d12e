package dev.tack.proxy.log;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Log lines about one client connection carry its id and, once known, its route as key-value pairs
 * ({@value #CONNECTION}, {@value #ROUTE}): the Pushpin line format writes them after the message
 * ({@code ... client failed: Connection reset conn=5f1c2a0e route=chat}), the JSON format as fields, so a
 * collector can follow one connection. For example
 * <pre>
 * ConnectionLog.at(log, Level.DEBUG, ctx.channel(), route.id()).log("client failed: {}", cause.toString());
 * </pre>
 * A disabled level costs a level check: SLF4J hands back a builder that does nothing.
 */
public final class ConnectionLog {
    /** The key of the connection id. */
    public static final String CONNECTION = "conn";
    /** The key of the route id. */
    public static final String ROUTE = "route";

    private ConnectionLog() {
    }

    /** The connection's id in log lines: Netty's short channel id, 8 hex digits, fixed for its life. */
    public static String id(Channel channel) {
        return channel.id().asShortText();
    }

    /**
     * Starts a log event at {@code level} about the connection {@code channel}.
     *
     * @param route the route id, or {@code null} when the request has not been routed (yet)
     */
    public static LoggingEventBuilder at(Logger log, Level level, Channel channel, String route) {
        LoggingEventBuilder event = log.atLevel(level);
        if (!log.isEnabledForLevel(level)) {
            return event;
        }
        event = event.addKeyValue(CONNECTION, id(channel));
        return route == null ? event : event.addKeyValue(ROUTE, route);
    }

    /** {@link #at} at debug: the level for a connection's own failures (one outage must not flood WARN). */
    public static LoggingEventBuilder debug(Logger log, Channel channel, String route) {
        return at(log, Level.DEBUG, channel, route);
    }
}

package dev.tack.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tack.proxy.log.ConnectionLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page's live feed: Server-Sent Events, one {@code data:} line of {@link StatusReport} JSON a
 * second to every watcher. The reports are gathered once per tick for all watchers, and only while there is
 * one. Bounded: at most {@value #MAX_WATCHERS} watchers; a watcher whose socket stays unwritable for
 * {@value #MAX_STALLED_TICKS} ticks in a row is closed, and a report it cannot take is skipped, not queued.
 * <pre>
 * HTTP/1.1 200 OK
 * content-type: text/event-stream
 *
 * retry: 2000
 *
 * data: {"version":"tack 0.1.0","uptimeSeconds":42,"connections":{"total":50,...},...}
 * </pre>
 */
final class StatusFeed {
    static final int MAX_WATCHERS = 32;
    static final int MAX_STALLED_TICKS = 30;
    private static final long TICK_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(StatusFeed.class);

    private final StatusSampler sampler;
    private final EventExecutor ticker;
    private final ObjectMapper json;
    /** Watcher → ticks in a row its socket was not writable. */
    private final Map<Channel, AtomicInteger> watchers = new ConcurrentHashMap<>();
    private ScheduledFuture<?> tick;

    StatusFeed(StatusSampler sampler, EventExecutor ticker, ObjectMapper json) {
        this.sampler = sampler;
        this.ticker = ticker;
        this.json = json;
    }

    /**
     * Makes {@code channel} a watcher: writes the stream's head and a first report. Returns false (and writes
     * nothing) when there are too many watchers already.
     */
    boolean watch(Channel channel) {
        if (watchers.size() >= MAX_WATCHERS) {
            return false;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        channel.write(head);
        channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("retry: 2000\n\n", StandardCharsets.UTF_8)));
        watchers.put(channel, new AtomicInteger());
        channel.closeFuture().addListener((ChannelFutureListener) f -> watchers.remove(f.channel()));
        sampler.sample(false).thenAccept(report -> send(channel, event(report)));
        ticker.execute(this::startTicking);
        return true;
    }

    private void startTicking() {
        if (tick == null && !watchers.isEmpty()) {
            tick = ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs on the ticker loop. */
    private void tick() {
        if (watchers.isEmpty()) {
            tick.cancel(false);
            tick = null;
            return;
        }
        try {
            sampler.sample(true).thenAccept(report -> {
                ByteBuf event = event(report);
                try {
                    watchers.keySet().forEach(watcher -> send(watcher, event.retainedDuplicate()));
                } finally {
                    event.release();
                }
            });
        } catch (RuntimeException e) {
            log.debug("status report failed: {}", e.toString()); // the event loops are shutting down
        }
    }

    /** Writes one report to a watcher that can take it; closes one that has not for too long. Takes {@code event}. */
    private void send(Channel watcher, ByteBuf event) {
        AtomicInteger stalled = watchers.get(watcher);
        if (stalled == null || !watcher.isWritable()) {
            event.release();
            if (stalled != null && stalled.incrementAndGet() >= MAX_STALLED_TICKS) {
                ConnectionLog.debug(log, watcher, null).log("status watcher took no report for {} s; closing",
                        MAX_STALLED_TICKS);
                watcher.close();
            }
            return;
        }
        stalled.set(0);
        watcher.writeAndFlush(new DefaultHttpContent(event));
    }

    /** {@code data: <json>\n\n}, owned by the caller. */
    private ByteBuf event(StatusReport report) {
        try {
            byte[] body = json.writeValueAsBytes(report);
            ByteBuf out = Unpooled.buffer(body.length + 8);
            out.writeBytes("data: ".getBytes(StandardCharsets.US_ASCII)).writeBytes(body).writeByte('\n').writeByte('\n');
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status report cannot be written as JSON", e);
        }
    }

    int watcherCount() {
        return watchers.size();
    }
}

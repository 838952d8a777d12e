package dev.tack.bench.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * What the soak throws at Tack, over plain sockets: malformed publishes and client requests (from {@link
 * Malformed}), slowloris connections, connect/disconnect churn and a descriptor flood. Each records how Tack
 * answered: the status line, or how the connection ended.
 */
final class Abuse {

    private Abuse() {
    }

    /** How Tack answered, counted by answer ({@code 400}, {@code 413}, {@code close 1002}, {@code closed}...). */
    static final class Answers {
        final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        void count(String answer) {
            counts.computeIfAbsent(answer, a -> new LongAdder()).increment();
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.append(out.length() == 0
                    ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue().sum()));
            return out.toString();
        }
    }

    /**
     * Sends {@code count} requests made by {@code request} (given its index), each on a connection of its own,
     * {@code threads} at a time, and counts the answers.
     */
    static Answers send(int port, int count, int threads, IntFunction<byte[]> request,
            java.util.function.IntPredicate halfClose) throws InterruptedException {
        Answers answers = new Answers();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < count; i++) {
            int index = i;
            pool.execute(() -> answers.count(exchange(port, request.apply(index), halfClose.test(index))));
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        return answers;
    }

    /**
     * One connection: sends {@code bytes}, reads until Tack closes, and names the answer.
     *
     * @param halfClose whether the client then says it is done sending (Tack then ends a request still in
     *     progress, as it does for a client that leaves); without it the head goes first and the rest (a WebSocket
     *     frame) only once a {@code 101} has come, as RFC 6455 §4.1 has clients wait; any other answer's head is
     *     the result
     */
    static String exchange(int port, byte[] bytes, boolean halfClose) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15_000);
            try {
                if (!halfClose) {
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    int headEnd = text.indexOf("\r\n\r\n") + 4;
                    socket.getOutputStream().write(bytes, 0, headEnd);
                    byte[] answer = readHead(socket.getInputStream());
                    if (!new String(answer, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101")) {
                        return describe(answer);
                    }
                    socket.getOutputStream().write(bytes, headEnd, bytes.length - headEnd);
                    byte[] rest = readAll(socket.getInputStream());
                    byte[] whole = new byte[answer.length + rest.length];
                    System.arraycopy(answer, 0, whole, 0, answer.length);
                    System.arraycopy(rest, 0, whole, answer.length, rest.length);
                    return describe(whole);
                }
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException closedWhileSending) {
                // Tack answered and closed before the whole request went out (a refused head): read the answer
            }
            return describe(readAll(socket.getInputStream()));
        } catch (java.net.SocketTimeoutException e) {
            return "no answer in 15 s";
        } catch (IOException e) {
            return "error: " + e.getClass().getSimpleName();
        }
    }

    /** Reads up to and including the blank line that ends a response head. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == 4) {
                break;
            }
        }
        return head.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0 && out.size() < 1 << 20; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // a reset after the answer: what arrived counts
        }
        return out.toByteArray();
    }

    /** {@code 400}, {@code 101 close 1002}, {@code http2 goaway}, or {@code closed} for no answer at all. */
    static String describe(byte[] answer) {
        if (answer.length == 0) {
            return "closed without answer";
        }
        if (answer.length >= 9 && answer[3] == 0x4 && answer[0] == 0) {
            return "http2 settings+goaway";
        }
        String text = new String(answer, 0, Math.min(answer.length, 4096), StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.")) {
            return "other bytes";
        }
        String status = text.substring(9, Math.min(text.length(), 12));
        if (!status.equals("101")) {
            return status;
        }
        int head = text.indexOf("\r\n\r\n");
        for (int i = head + 4; head > 0 && i + 3 < answer.length; ) {
            int opcode = answer[i] & 0x0f;
            int length = answer[i + 1] & 0x7f;
            int start = i + 2 + (length == 126 ? 2 : length == 127 ? 8 : 0);
            if (opcode == 0x8 && length >= 2 && start + 1 < answer.length) {
                return "101 close " + ((answer[start] & 0xff) << 8 | answer[start + 1] & 0xff);
            }
            long size = length == 126 ? (answer[i + 2] & 0xff) << 8 | answer[i + 3] & 0xff : length;
            if (length == 127 || size < 0) {
                break;
            }
            i = (int) (start + size);
        }
        return "101 no close frame";
    }

    /**
     * Opens {@code count} slowloris connections: each sends a request head one byte every {@code gapMillis} and never
     * finishes it. Returns how many Tack closed within {@code seconds} seconds (a write that fails: Tack answered
     * and closed), and closes the rest.
     */
    static long slowloris(int port, int count, int gapMillis, int seconds) throws IOException, InterruptedException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            sockets.add(socket);
        }
        byte[] head = "GET /stream?channel=slow HTTP/1.1\r\nHost: soak\r\nX-Padding: "
                .getBytes(StandardCharsets.US_ASCII);
        boolean[] closed = new boolean[count];
        long closedByTack = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int step = 0; System.nanoTime() < end && closedByTack < count; step++) {
            for (int i = 0; i < count; i++) {
                if (closed[i]) {
                    continue;
                }
                try {
                    Socket socket = sockets.get(i);
                    socket.getInputStream().skip(socket.getInputStream().available());
                    socket.getOutputStream().write(step < head.length ? head[step] : 'x');
                } catch (IOException e) {
                    closed[i] = true;
                    closedByTack++;
                }
            }
            Thread.sleep(gapMillis);
        }
        for (Socket socket : sockets) {
            socket.close();
        }
        return closedByTack;
    }

    /**
     * {@code cycles} connect, subscribe (a stream or a WebSocket), disconnect cycles, {@code threads} at a time,
     * spread over 8 loopback source addresses so closed connections waiting in TIME_WAIT do not use up the ports.
     *
     * @return cycles that failed
     */
    static long churn(int port, int cycles, int threads) throws InterruptedException {
        AtomicLong failed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Random random = new Random(11);
        for (int i = 0; i < cycles; i++) {
            int index = i;
            boolean ws = random.nextBoolean();
            pool.execute(() -> {
                try (Socket socket = new Socket()) {
                    socket.bind(new InetSocketAddress("127.0.0." + (2 + index % 8), 0));
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                    socket.setSoTimeout(10_000);
                    String request = ws ? "GET /?channel=churn-" + index % 100 + " HTTP/1.1\r\nHost: soak\r\n"
                            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                            + "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
                            : "GET /stream?channel=churn-" + index % 100 + " HTTP/1.1\r\nHost: soak\r\n\r\n";
                    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                    byte[] head = new byte[12];
                    if (socket.getInputStream().readNBytes(head, 0, 12) < 12 || head[9] != (ws ? '1' : '2')) {
                        failed.incrementAndGet();
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        return failed.get();
    }

    /** Opens up to {@code count} idle connections (a descriptor flood); stops at the first one refused. */
    static List<Socket> flood(int port, int count) {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress("127.0.0." + (2 + i % 8), 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                sockets.add(socket);
            } catch (IOException refused) {
                break;
            }
        }
        return sockets;
    }
}

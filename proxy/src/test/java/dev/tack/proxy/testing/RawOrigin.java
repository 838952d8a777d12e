package dev.tack.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An origin that answers with whatever bytes a test writes, for answers no well-behaved server sends: an interim
 * {@code 103} before the real answer, a body that never ends. Every connection gets a thread of its own that reads
 * requests one after the other and hands each to the script.
 */
public final class RawOrigin implements AutoCloseable {

    /** A request as read off a connection. */
    public record Request(int connection, String method, String target, String head, byte[] body) {
    }

    /** What the origin does with each request; it writes the answer to {@code out} itself. */
    public interface Script {
        void answer(Request request, InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Script script;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public RawOrigin(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        Thread acceptor = new Thread(this::accept, "raw-origin");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Every request received so far, in order. */
    public List<Request> received() {
        return received;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                int connection = connections.incrementAndGet();
                Thread serving = new Thread(() -> serve(socket, connection), "raw-origin-" + connection);
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            Request request;
            while ((request = read(connection, in)) != null) {
                received.add(request);
                script.answer(request, in, out);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the proxy hung up, or the test is over
        }
    }

    /** Reads one request (head and {@code Content-Length} body); null at the end of the connection. */
    static Request read(int connection, InputStream in) throws IOException {
        String text = readHead(in);
        if (text == null) {
            return null;
        }
        String[] line = text.substring(0, text.indexOf("\r\n")).split(" ");
        return new Request(connection, line[0], line[1], text, in.readNBytes(contentLength(text)));
    }

    /** Reads an HTTP head up to and including its empty line (ISO-8859-1); null at the end of the stream. */
    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The {@code Content-Length} an HTTP head declares, or 0. */
    public static int contentLength(String head) {
        for (String header : head.split("\r\n")) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(header.substring(15).trim());
            }
        }
        return 0;
    }

    /** An answer with a {@code Content-Length} body. */
    public static byte[] answer(String statusLine, String body, String... headerLines) {
        StringBuilder out = new StringBuilder("HTTP/1.1 ").append(statusLine).append("\r\n");
        for (String header : headerLines) {
            out.append(header).append("\r\n");
        }
        out.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(body);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}

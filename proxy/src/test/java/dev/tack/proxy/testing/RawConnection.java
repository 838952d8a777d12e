package dev.tack.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A client on a plain socket for tests that send what HTTP clients never send: half a request head, a body that
 * stops, a broken chunk, an HTTP/2 preface. It reads what the server answers until the server closes.
 */
public final class RawConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Connects to {@code port} on loopback; reads time out after 10 s. */
    public static RawConnection connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(10_000);
        return new RawConnection(socket);
    }

    /** Sends {@code text} (ISO-8859-1) as it is. */
    public RawConnection send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawConnection send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** What the server sends until {@code marker} has arrived (ISO-8859-1 text); fails on the read timeout. */
    public String readUntil(String marker) throws IOException {
        StringBuilder out = new StringBuilder();
        while (out.indexOf(marker) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before " + marker + " came; got: " + out);
            }
            out.append((char) b);
        }
        return out.toString();
    }

    /** Everything the server sends until it closes the connection (or resets it), as ISO-8859-1 text. */
    public String readToEnd() throws IOException {
        return new String(readBytesToEnd(), StandardCharsets.ISO_8859_1);
    }

    public byte[] readBytesToEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // the server reset the connection after its answer: what arrived counts
        }
        return out.toByteArray();
    }

    /**
     * Whether the server has closed the connection by now: a read that neither times out after {@code millis} nor
     * returns data means end of stream.
     */
    public boolean closedWithin(int millis) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

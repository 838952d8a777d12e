package dev.tack.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, byte by byte, for tests that must send what well-behaved clients never do:
 * floods of empty frames, a compressed frame that inflates to hundreds of megabytes. Frames it reads are whole
 * frames (no continuation handling) — enough to see a close frame and its code.
 */
public final class RawWebSocket implements AutoCloseable {

    /** One frame as read: opcode and payload. */
    public record Frame(int opcode, byte[] payload) {
        /** The close code of a close frame, or -1. */
        public int closeCode() {
            return opcode == 0x8 && payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : -1;
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String handshakeAnswer;

    private RawWebSocket(Socket socket, String handshakeAnswer) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.handshakeAnswer = handshakeAnswer;
    }

    /**
     * Connects to {@code port} on loopback and upgrades {@code path}; returns once the answer's head is read.
     *
     * @param extensions the {@code Sec-WebSocket-Extensions} offer, or null
     */
    public static RawWebSocket connect(int port, String path, String extensions) throws IOException {
        return connect(port, path, extensions, 0);
    }

    /**
     * As {@link #connect(int, String, String)}, with a small send buffer ({@code sendBuffer} bytes, 0 for the
     * system's) so that a peer that stops reading stops this client soon.
     */
    public static RawWebSocket connect(int port, String path, String extensions, int sendBuffer) throws IOException {
        return connect(port, path, extensions, sendBuffer, 0);
    }

    /**
     * As {@link #connect(int, String, String, int)}, with a small receive buffer ({@code receiveBuffer} bytes, 0 for
     * the system's) so that a client that stops reading stalls its sender soon: a slow consumer.
     */
    public static RawWebSocket connect(int port, String path, String extensions, int sendBuffer, int receiveBuffer)
            throws IOException {
        Socket socket = new Socket();
        if (sendBuffer > 0) {
            socket.setSendBufferSize(sendBuffer);
        }
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout(20_000);
        String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n") + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String answer = RawOrigin.readHead(socket.getInputStream());
        if (answer == null) {
            throw new IOException("connection closed before the handshake answer");
        }
        return new RawWebSocket(socket, answer);
    }

    /** The handshake answer's status line and headers. */
    public String handshakeAnswer() {
        return handshakeAnswer;
    }

    /** One masked client frame, final, with {@code rsv1} for a compressed message. */
    public static byte[] frame(int opcode, boolean rsv1, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | (rsv1 ? 0x40 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xffff) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        return frame.toByteArray();
    }

    /** Writes raw bytes (frames built with {@link #frame}); blocks while the peer does not read. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads the next frame; fails after the socket's read timeout. */
    public Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((second & 0x80) != 0) {
            in.readInt();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** Reads frames until a close frame comes, and returns it. */
    public Frame readUntilClose() throws IOException {
        Frame frame;
        do {
            frame = read();
        } while (frame.opcode() != 0x8);
        return frame;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

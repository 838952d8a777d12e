package dev.tack.proxy.server;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates of the TLS listeners, in Pushpin's layout (docs/compatibility.md "TLS", its {@code connmgr/tls.rs}):
 * a directory ({@code <config dir>/runner/certs} by default) holding {@code <name>.crt} and {@code <name>.key} PEM
 * files. A handshake for host {@code www.example.com} uses {@code www.example.com.crt}, else the one-level wildcard
 * {@code _.example.com.crt}, else the listener's default {@code default_<port>.crt}; a handshake without a server
 * name uses the default. A pair is read when first needed and read again when either file changes, so renewed
 * certificates take effect without a restart.
 *
 * <p>TLS runs on OpenSSL (BoringSSL from {@code netty-tcnative-boringssl-static}) where its native library loads,
 * otherwise on the JDK's TLS, which reads PKCS#8 keys ({@code BEGIN PRIVATE KEY}) only.
 */
final class TlsCertificates {

    private static final Logger log = LoggerFactory.getLogger(TlsCertificates.class);

    /** One loaded pair and the file times it was loaded at. */
    private record Identity(SslContext context, FileTime certTime, FileTime keyTime) {
    }

    private final Path dir;
    private final SslProvider provider;
    private final Map<String, Identity> loaded = new ConcurrentHashMap<>();

    TlsCertificates(Path dir) {
        this.dir = dir;
        this.provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    Path dir() {
        return dir;
    }

    /** {@code OpenSSL} or {@code JDK}, for the start-up log. */
    String providerName() {
        return provider == SslProvider.OPENSSL ? "OpenSSL (" + OpenSsl.versionString() + ")" : "JDK";
    }

    /** The file name (without extension) of a listener's default certificate. */
    static String defaultName(int port) {
        return "default_" + port;
    }

    /** Whether {@code name}'s pair exists (for the start-up warning about a missing default). */
    boolean exists(String name) {
        return Files.isRegularFile(dir.resolve(name + ".crt")) && Files.isRegularFile(dir.resolve(name + ".key"));
    }

    /**
     * The context for a handshake on {@code port} asking for {@code serverName} (null without SNI).
     *
     * @throws SSLException naming the files looked for, when none fits (the handshake fails)
     */
    SslContext forHandshake(String serverName, int port) throws SSLException {
        if (serverName != null && !serverName.isEmpty()) {
            String name = serverName.toLowerCase(Locale.ROOT);
            SslContext exact = load(name);
            if (exact != null) {
                return exact;
            }
            int dot = name.indexOf('.');
            if (dot > 0) {
                SslContext wildcard = load("_" + name.substring(dot));
                if (wildcard != null) {
                    return wildcard;
                }
            }
        }
        SslContext fallback = load(defaultName(port));
        if (fallback == null) {
            throw new SSLException("no certificate for " + (serverName == null ? "a client without SNI" : serverName)
                    + " on port " + port + " (expected in " + dir + ": " + (serverName == null ? ""
                    : serverName + ".crt/.key, ") + defaultName(port) + ".crt/.key)");
        }
        return fallback;
    }

    /** The pair called {@code name}, loaded or reloaded as its files require; null when it does not exist. */
    private SslContext load(String name) throws SSLException {
        if (name.contains("/") || name.contains("\\") || name.startsWith("..")) {
            return null; // a server name is a host name, never a path
        }
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        FileTime certTime;
        FileTime keyTime;
        try {
            certTime = Files.getLastModifiedTime(cert);
            keyTime = Files.getLastModifiedTime(key);
        } catch (IOException e) {
            return null;
        }
        Identity current = loaded.get(name);
        if (current != null && current.certTime().equals(certTime) && current.keyTime().equals(keyTime)) {
            return current.context();
        }
        SslContext context;
        try {
            context = SslContextBuilder.forServer(cert.toFile(), key.toFile()).sslProvider(provider).build();
        } catch (SSLException | IllegalArgumentException e) {
            log.warn("TLS certificate " + cert + " with key " + key + " cannot be used: " + e.getMessage());
            throw new SSLException("certificate " + name + " cannot be used: " + e.getMessage(), e);
        }
        loaded.put(name, new Identity(context, certTime, keyTime));
        log.info((current == null ? "loaded" : "reloaded") + " TLS certificate " + cert);
        return context;
    }
}

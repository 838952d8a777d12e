package dev.tack.proxy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates made for a test with the JDK's own {@code keytool} (no extra library), written as the PEM
 * pair Tack and Pushpin read: {@code <name>.crt} and a PKCS#8 {@code <name>.key}.
 */
public final class TestCertificates {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private TestCertificates() {
    }

    /**
     * Makes a certificate for {@code commonName} valid for {@code dnsNames} (EC P-256, one day) and writes
     * {@code dir/<name>.crt} and {@code dir/<name>.key}.
     */
    public static X509Certificate write(Path dir, String name, String commonName, String... dnsNames)
            throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path store = Files.createTempFile(dir, "keytool", ".p12");
        Files.delete(store);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "tls", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1",
                "-dname", "CN=" + commonName, "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
        if (dnsNames.length > 0) {
            command.add("-ext");
            command.add("SAN=" + String.join(",", java.util.Arrays.stream(dnsNames).map(d -> "dns:" + d).toList()));
        }
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        Files.delete(store);
        X509Certificate cert = (X509Certificate) keys.getCertificate("tls");
        Files.writeString(dir.resolve(name + ".crt"), pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", keys.getKey("tls", PASSWORD).getEncoded()));
        return cert;
    }

    /** A client TLS context that trusts exactly {@code trusted}. */
    public static SSLContext trusting(Certificate... trusted) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < trusted.length; i++) {
            store.setCertificateEntry("trusted-" + i, trusted[i]);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}

package dev.tack.api.sig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the first key of a PEM text with the JDK alone: {@code PUBLIC KEY} (SubjectPublicKeyInfo),
 * {@code PRIVATE KEY} (PKCS#8), {@code EC PRIVATE KEY} (SEC1, what {@code openssl ecparam -genkey} writes),
 * {@code RSA PRIVATE KEY} / {@code RSA PUBLIC KEY} (PKCS#1) and {@code CERTIFICATE} (its public key). The two
 * legacy forms are rewrapped into PKCS#8 / SubjectPublicKeyInfo DER before the JDK key factories see them.
 */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** DER of OID 1.2.840.10045.2.1 (id-ecPublicKey). */
    private static final byte[] OID_EC_PUBLIC_KEY = hex("06072a8648ce3d0201");
    /** DER of OID 1.2.840.113549.1.1.1 (rsaEncryption) followed by NULL parameters. */
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");

    private Pem() {
    }

    /** Whether {@code text} starts like PEM ({@code -----BEGIN}), ignoring leading whitespace. */
    static boolean looksLikePem(String text) {
        return text.strip().startsWith("-----BEGIN");
    }

    /**
     * The key in the first PEM block of {@code text}: a {@link java.security.PublicKey} or a
     * {@link java.security.PrivateKey}, EC or RSA.
     *
     * @throws IllegalArgumentException naming the block type and what was expected
     */
    static Key readKey(String text) {
        Matcher m = BLOCK.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("PEM text has no complete -----BEGIN X-----/-----END X----- block");
        }
        String label = m.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM " + label + " block is not base64 (" + e.getMessage() + ")", e);
        }
        try {
            return switch (label) {
                case "PUBLIC KEY" -> ecOrRsa(new X509EncodedKeySpec(der), true, label);
                case "PRIVATE KEY" -> ecOrRsa(new PKCS8EncodedKeySpec(der), false, label);
                case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC")
                        .generatePrivate(new PKCS8EncodedKeySpec(sec1ToPkcs8(der)));
                case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(sequence(integerZero(), RSA_ALGORITHM,
                                tlv(0x04, der))));
                case "RSA PUBLIC KEY" -> KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(sequence(RSA_ALGORITHM, bitString(der))));
                case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
                default -> throw new IllegalArgumentException("PEM block " + label + " (expected: PUBLIC KEY, "
                        + "PRIVATE KEY, EC PRIVATE KEY, RSA PRIVATE KEY, RSA PUBLIC KEY or CERTIFICATE; "
                        + "encrypted keys are not supported)");
            };
        } catch (CertificateException e) {
            throw new IllegalArgumentException("PEM CERTIFICATE block is not an X.509 certificate: "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException | DerException e) {
            throw new IllegalArgumentException("PEM " + label + " block is not a valid EC or RSA key: "
                    + e.getMessage(), e);
        }
    }

    private static Key ecOrRsa(KeySpec spec, boolean isPublic, String label) throws GeneralSecurityException {
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                KeyFactory factory = KeyFactory.getInstance(algorithm);
                return isPublic ? factory.generatePublic(spec) : factory.generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next one
            }
        }
        throw new GeneralSecurityException(label + " is neither EC nor RSA");
    }

    /**
     * SEC1 {@code ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING, [0] parameters, [1] publicKey }}
     * into PKCS#8 with the curve OID taken from {@code [0]}.
     */
    private static byte[] sec1ToPkcs8(byte[] sec1) throws DerException {
        Der outer = new Der(sec1, 0);
        if (outer.tag != 0x30) {
            throw new DerException("EC PRIVATE KEY is not a DER SEQUENCE");
        }
        byte[] curveOid = null;
        for (int at = outer.contentStart; at < outer.end; ) {
            Der element = new Der(sec1, at);
            if (element.tag == 0xA0) {
                Der oid = new Der(sec1, element.contentStart);
                curveOid = Arrays.copyOfRange(sec1, oid.start, oid.end);
            }
            at = element.end;
        }
        if (curveOid == null) {
            throw new DerException("EC PRIVATE KEY names no curve (expected: [0] namedCurve parameters)");
        }
        return sequence(integerZero(), sequence(OID_EC_PUBLIC_KEY, curveOid), tlv(0x04, sec1));
    }

    private static byte[] integerZero() {
        return new byte[] {0x02, 0x01, 0x00};
    }

    private static byte[] bitString(byte[] content) {
        byte[] withUnusedBits = new byte[content.length + 1];
        System.arraycopy(content, 0, withUnusedBits, 1, content.length);
        return tlv(0x03, withUnusedBits);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** One DER element at {@code start}: its tag, where its content starts and where it ends. */
    private static final class Der {
        final int start;
        final int tag;
        final int contentStart;
        final int end;

        Der(byte[] der, int start) throws DerException {
            if (start + 2 > der.length) {
                throw new DerException("DER element at offset " + start + " is truncated");
            }
            this.start = start;
            this.tag = der[start] & 0xFF;
            int first = der[start + 1] & 0xFF;
            int at = start + 2;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int bytes = first & 0x7F;
                if (bytes == 0 || bytes > 3 || at + bytes > der.length) {
                    throw new DerException("DER length at offset " + (start + 1) + " is not supported");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[at++] & 0xFF);
                }
            }
            this.contentStart = at;
            this.end = at + length;
            if (end > der.length) {
                throw new DerException("DER element at offset " + start + " runs past the end");
            }
        }
    }

    private static final class DerException extends Exception {
        private static final long serialVersionUID = 1L;

        DerException(String message) {
            super(message);
        }
    }
}

package dev.tack.proxy.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A Redis Lua script from the classpath, with the SHA-1 {@code EVALSHA} names it by. Several files may make one
 * script (shared functions first), joined in order.
 */
record LuaScript(String text, String sha) {

    /** Joins the named resources of this package into one script. */
    static LuaScript load(String... resources) {
        StringBuilder text = new StringBuilder();
        for (String name : resources) {
            try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("Lua script " + name + " is missing from the classpath");
                }
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("reading Lua script " + name, e);
            }
        }
        return new LuaScript(text.toString(), sha1(text.toString()));
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(40);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }
}

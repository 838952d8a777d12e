package dev.tack.demo.qa;

import java.util.Objects;

/** A participant: {@code {"id":"u3k9x2","displayName":"Alice"}}; the display name defaults to the id. */
public record UserInfo(String id, String displayName) {
    public UserInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }
}

package dev.tack.demo.qa;

import java.util.Objects;

/**
 * A room as the page shows it, and as its JSON reads: {@code {"id":"demo","displayName":"New Room: demo",
 * "themeColor":"#038cfc"}}.
 */
public record RoomInfo(String id, String displayName, String themeColor) {
    /** The page's theme colours; the first is the default. */
    public static final String DEFAULT_THEME_COLOR = "#038cfc";

    public RoomInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(themeColor, "themeColor");
    }

    /** A new room with the default name {@code New Room: <id>} and colour. */
    public static RoomInfo withDefaults(String id) {
        return new RoomInfo(id, "New Room: " + id, DEFAULT_THEME_COLOR);
    }
}

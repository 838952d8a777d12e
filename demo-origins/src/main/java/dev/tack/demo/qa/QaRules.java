package dev.tack.demo.qa;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the board accepts as ids, names and texts. Room and user ids follow the original client's rule
 * ({@code /^[a-z][-_.a-z\d]{1,14}[a-z\d]$/}); every check throws {@link QaException} naming the field, the
 * value and what was expected.
 */
final class QaRules {
    static final int MAX_DISPLAY_NAME = 50;
    static final int MAX_ROOM_NAME = 80;
    static final int MAX_QUESTION = 500;
    static final int MAX_ANSWER = 2000;

    private static final Pattern ID = Pattern.compile("[a-z][-_.a-z0-9]{1,14}[a-z0-9]");
    private static final Pattern QUESTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    private QaRules() {
    }

    /** A room or user id. */
    static String id(String field, String value) throws QaException {
        if (value == null || !ID.matcher(value).matches()) {
            throw QaException.badRequest(field + ": " + quote(value) + " (expected: 3-16 characters of a-z, 0-9, "
                    + "'-', '_' or '.', starting with a letter and ending with a letter or digit)");
        }
        return value;
    }

    static String questionId(String value) throws QaException {
        if (value == null || !QUESTION_ID.matcher(value).matches()) {
            throw QaException.badRequest("questionId: " + quote(value)
                    + " (expected: 1-64 characters of A-Z, a-z, 0-9, '-' or '_')");
        }
        return value;
    }

    /** A text of 1 to {@code max} characters after trimming; returns it trimmed. */
    static String text(String field, String value, int max) throws QaException {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty() || trimmed.length() > max) {
            throw QaException.badRequest(field + ": " + (value == null ? "missing" : trimmed.length() + " characters")
                    + " (expected: 1-" + max + " characters)");
        }
        return trimmed;
    }

    /** A {@code #rrggbb} colour; returned lower case. */
    static String color(String value) throws QaException {
        if (value == null || !COLOR.matcher(value).matches()) {
            throw QaException.badRequest("themeColor: " + quote(value) + " (expected: #rrggbb, e.g. #038cfc)");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String quote(String value) {
        if (value == null) {
            return "missing";
        }
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "\"" + shown + "\"";
    }
}

package dev.tack.proxy.publish;

import java.util.List;

/**
 * Pushpin's {@code Accept} negotiation for publish replies (docs/compatibility.md "Publishing"): every listed type is
 * walked and the last one that matches wins; no {@code Accept} header means text.
 */
final class AcceptNegotiation {

    private AcceptNegotiation() {
    }

    /** @return true for JSON, false for text, null when nothing offered is supported (406) */
    static Boolean wantsJson(List<String> acceptHeaders) {
        if (acceptHeaders.isEmpty()) {
            return false;
        }
        Boolean choice = null;
        for (String header : acceptHeaders) {
            for (String part : header.split(",")) {
                String type = part.split(";", 2)[0].trim().toLowerCase();
                switch (type) {
                    case "text/plain", "text/*", "*/*", "*" -> choice = false;
                    case "application/json", "application/*" -> choice = true;
                    default -> {
                    }
                }
            }
        }
        return choice;
    }
}

package dev.tack.proxy.config;

/**
 * Reads a Pushpin log level: {@code 2}, or a per-service list such as {@code default:2,proxy:3}
 * (0 error, 1 warning, 2 info, 3 debug, 4+ trace). Tack is one process, so a list collapses to its highest
 * level: whoever asked for debug output of any Pushpin service gets it from Tack.
 */
final class LogLevels {
    /** The level used when neither the command line nor {@code [runner] log_level} sets one. */
    static final int DEFAULT = 2;

    /** The level {@code --verbose} selects. */
    static final int VERBOSE = 3;

    private static final String EXPECTED = "a level >= 0, or a list like default:2,proxy:3";

    private LogLevels() {
    }

    /**
     * Returns the highest level named in {@code text}.
     *
     * @param where names the source in error messages, e.g. {@code --loglevel} or {@code [runner] log_level}
     */
    static int parse(String text, String where) throws ConfigException {
        int max = -1;
        for (final String part : text.split(",", -1)) {
            final String item = part.strip();
            final int colon = item.indexOf(':');
            if (item.isEmpty() || colon == 0) {
                throw new ConfigException(where + ": " + ConfigException.shown(text) + " (expected: " + EXPECTED + ")");
            }
            final String level = colon < 0 ? item : item.substring(colon + 1).strip();
            if (level.isEmpty() || level.length() > 3 || !level.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new ConfigException(where + ": " + ConfigException.shown(text) + " (expected: " + EXPECTED + ")");
            }
            max = Math.max(max, Integer.parseInt(level));
        }
        return max;
    }
}

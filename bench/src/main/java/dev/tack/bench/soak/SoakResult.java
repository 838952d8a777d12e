package dev.tack.bench.soak;

import java.util.Locale;

/**
 * What one scenario showed (docs/reliability.md "Figures").
 *
 * @param scenario its name
 * @param abuse what was done to Tack, in numbers
 * @param crashed whether the Tack process died
 * @param affected healthy subscribers the server closed before the end
 * @param lost messages healthy subscribers missed of those published
 * @param healthy healthy subscribers and messages published to them, e.g. {@code 1000 x 612}
 * @param peakRssMb the most resident memory Tack used during the scenario
 * @param peakHeapMb the most heap in use Tack reported during the scenario
 * @param recovery how long Tack took to be fully itself again, and what that means for this scenario
 * @param notes how Tack answered, counters, anything else worth reading
 * @param load the box's 1-minute load average at start and end
 */
record SoakResult(String scenario, String abuse, boolean crashed, long affected, long lost, String healthy,
        long peakRssMb, long peakHeapMb, String recovery, String notes, String load) {

    static String header() {
        return "| scenario | abuse | crashes | other connections affected | messages lost (healthy) | healthy "
                + "subscribers x messages | peak RSS | peak heap | time to recover | load avg |\n"
                + "|---|---|---|---|---|---|---|---|---|---|";
    }

    /** The same result with {@code note} added to its notes. */
    SoakResult withNote(String note) {
        return new SoakResult(scenario, abuse, crashed, affected, lost, healthy, peakRssMb, peakHeapMb, recovery,
                notes + "; " + note, load);
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %s | %d MiB | %d MiB | %s | %s |", scenario, abuse,
                crashed ? 1 : 0, affected, lost, healthy, peakRssMb, peakHeapMb, recovery, load);
    }
}

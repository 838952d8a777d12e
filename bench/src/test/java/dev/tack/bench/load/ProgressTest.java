package dev.tack.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void barShowsHowFarThePhaseIs() {
        String line = Progress.barLine(12.4, new Progress.Status("connect", 4812, 10000, "failed 0 pending 37", ""));
        assertEquals("[   12.4s] connect [==============>               ]  48%     4812/10000 | failed 0 pending 37",
                line);
    }

    @Test
    void fullAndEmptyBars() {
        assertEquals("[    1.0s] drain   [==============================] 100%      120/120 | received",
                Progress.barLine(1, new Progress.Status("drain", 120, 120, "received", "")));
        assertEquals("[    0.0s] probe   [>                             ]   0%        0/5",
                Progress.barLine(0, new Progress.Status("probe", 0, 5, "", "")));
    }

    @Test
    void phasesWithoutATotalShowNoBar() {
        assertEquals("[    2.0s] settle  ", Progress.barLine(2, new Progress.Status("settle", 0, 0, "", "")));
    }

    @Test
    void stylesAreParsedAndNamed() {
        assertEquals(true, ProgressStyle.parse("BAR").bar());
        assertEquals(false, ProgressStyle.parse("lines").bar());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ProgressStyle.parse("fancy"));
        assertEquals("--progress-style: 'fancy' (expected: auto, bar or lines)", e.getMessage());
    }
}

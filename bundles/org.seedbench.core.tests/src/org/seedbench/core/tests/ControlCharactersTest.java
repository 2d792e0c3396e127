package org.seedbench.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;

/**
 * A name or path holding a control character (a newline, a tab, an escape) is refused, and a problem never prints
 * one raw: its message stays one line, so it cannot forge a second line in output or logs.
 */
class ControlCharactersTest {

    private static List<String> messages(List<Problem> problems) {
        return problems.stream().map(Problem::message).toList();
    }

    @Test
    void aJobNameWithANewlineIsRefusedInOneLine() {
        assertEquals(List.of("import job name 'seed\\nfs01': holds a control character (a newline, a tab…) "
                + "(allowed: 3–24 letters, digits and hyphens, starting with a letter)"),
                messages(SeedRules.checkImportJobName("seed\nfs01")));
        assertEquals(List.of("import job name 'seed-fs01\\t': holds a control character (a newline, a tab…) "
                + "(allowed: 3–24 letters, digits and hyphens, starting with a letter)"),
                messages(SeedRules.checkImportJobName("seed-fs01\t")));
    }

    @Test
    void aStagingLocationWithANewlineIsRefused() {
        assertEquals(List.of("staging location '/mnt/stage\\n/etc': holds a control character (a newline, a tab…) "
                + "(allowed: a local folder, a mounted share or a UNC path)"),
                messages(SeedRules.checkStagingLocation("/mnt/stage\n/etc")));
    }

    @Test
    void everyProblemShowsControlCharactersEscaped() {
        Problem p = new Problem("job", "fs01\r\nseedbench: done\u001b[2J", "does not exist", null);
        assertEquals("job 'fs01\\r\\nseedbench: done\\u001b[2J': does not exist", p.message());
        assertEquals(1, p.message().lines().count());
        assertEquals("Zürich – ok", Problem.escape("Zürich – ok"), "other characters are kept");
    }
}

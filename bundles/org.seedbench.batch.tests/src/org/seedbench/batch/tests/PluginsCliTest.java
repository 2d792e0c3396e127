package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;

/**
 * {@code seedbench plugins}' command line: each mistake is one line naming it, with exit 2 for the command line
 * and 3 for an update site that is no folder; in a runtime that p2 did not install (this test's) every action says
 * so, exit 1. Installing, updating and removing on a real installation is {@code releng/plugin-install-test.sh}'s.
 */
@ExtendWith(ServiceExtension.class)
class PluginsCliTest {

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path tmp;

    private void usage(String expected, String... args) {
        CliRun r = CliRun.run(cli, tmp.resolve("data"), args);
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("seedbench plugins: " + expected, r.errLines().get(0), r.err());
        assertTrue(r.errLines().get(1).startsWith("usage: seedbench plugins "), r.err());
        assertEquals(1, r.errLines().stream().filter(l -> l.startsWith("seedbench")).count(), "one line: " + r.err());
    }

    @Test
    void mistakesInTheCommandLineAreOneLineWithExit2() {
        usage("missing what to do: list, install, update or remove", "plugins");
        usage("unknown action 'instal'; the actions are list, install, update, remove", "plugins", "instal", "x");
        usage("missing FEATURE: the feature to install (seedbench plugins list --site URL|DIR shows what a site "
                + "offers)", "plugins", "install", "--site", tmp.toString());
        usage("missing FEATURE: the feature to remove (seedbench plugins list shows them)", "plugins", "remove");
        usage("option --site is needed to install: the update site (a URL or a folder)", "plugins", "install",
                "org.seedbench.workload.command.feature");
        usage("option --site is needed to update: the update site (a URL or a folder)", "plugins", "update");
        usage("remove takes no --site: it removes what is installed", "plugins", "remove", "a.feature", "--site",
                tmp.toString());
        usage("list takes no FEATURE", "plugins", "list", "a.feature");
        usage("--accept-unsigned applies to install and update only", "plugins", "remove", "a.feature",
                "--accept-unsigned");
        usage("option --site needs a value", "plugins", "install", "a.feature", "--site");
    }

    @Test
    void anUpdateSiteThatIsNoFolderIsInvalidInputNamingIt() {
        Path absent = tmp.resolve("no-site");
        CliRun r = CliRun.run(cli, tmp.resolve("data"), "plugins", "install", "a.feature", "--site", absent.toString());
        assertEquals(3, r.exitCode(), r.err());
        assertEquals(List.of("seedbench plugins: update site '" + absent + "': no such folder (allowed: a p2 update "
                + "site: a URL or a folder holding content.jar or content.xml)"), r.errLines());
        assertTrue(!Files.exists(tmp.resolve("data")), "nothing is written to the data directory");
    }

    @Test
    void aRuntimeThatP2DidNotInstallSaysSo() {
        for (String[] args : List.of(new String[] { "plugins", "list" },
                new String[] { "plugins", "remove", "org.seedbench.workload.command.feature" },
                new String[] { "plugins", "install", "a.feature", "--site", tmp.toString() })) {
            CliRun r = CliRun.run(cli, tmp.resolve("data"), args);
            assertEquals(1, r.exitCode(), r.err());
            assertEquals(List.of("seedbench plugins: this installation was not installed by p2 (it has no p2 profile), "
                    + "so plugins cannot be managed in it; use the product built by ./mvnw verify or unpacked from its "
                    + "archive"), r.errLines(), String.join(" ", args));
        }
    }
}

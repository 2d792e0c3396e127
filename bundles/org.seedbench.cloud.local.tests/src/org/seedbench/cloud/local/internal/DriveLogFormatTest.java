package org.seedbench.cloud.local.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedbench.core.support.manifest.DriveManifest.Blob;
import org.seedbench.core.support.manifest.DriveManifest.Block;

/**
 * A drive's error and verbose logs in the service's DriveLog shape, with its status codes: a blob with a bad
 * block is CompletedWithErrors, the block Corrupted.
 */
class DriveLogFormatTest {
    private static DriveLog log() {
        DriveLog log = new DriveLog("WD-WX1234 <A&B>");
        log.blob(new Blob("seed/fs01/config", "fs01/config", 10, List.of(new Block(0, 10, "MDAwMDAwMDA=", "AA"))));
        log.block(0, true);
        log.blob(new Blob("seed/fs01/packs/3f", "fs01/packs/3f", 4194309, List.of(
                new Block(0, 4194304, "MDAwMDAwMDA=", "BB"), new Block(4194304, 5, "MDAwMDAwMDE=", "CC"))));
        log.block(0, true);
        log.block(1, false);
        log.status(DriveLog.COMPLETED_WITH_ERRORS);
        return log;
    }

    private static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DriveLog Version="2014-11-01">
              <DriveId>WD-WX1234 &lt;A&amp;B&gt;</DriveId>
            """;
    private static final String CONFIG = """
              <Blob Status="Completed">
                <BlobPath>seed/fs01/config</BlobPath>
                <FilePath>fs01/config</FilePath>
                <Length>10</Length>
                <BlockList>
                  <Block Offset="0" Length="10" Id="MDAwMDAwMDA=" Hash="AA" Status="Completed"/>
                </BlockList>
              </Blob>
            """;
    private static final String PACK_START = """
              <Blob Status="CompletedWithErrors">
                <BlobPath>seed/fs01/packs/3f</BlobPath>
                <FilePath>fs01/packs/3f</FilePath>
                <Length>4194309</Length>
                <BlockList>
            """;
    private static final String GOOD_BLOCK = """
                  <Block Offset="0" Length="4194304" Id="MDAwMDAwMDA=" Hash="BB" Status="Completed"/>
            """;
    private static final String BAD_BLOCK = """
                  <Block Offset="4194304" Length="5" Id="MDAwMDAwMDE=" Hash="CC" Status="Corrupted"/>
            """;
    private static final String PACK_END_AND_TAIL = """
                </BlockList>
              </Blob>
              <Status>CompletedWithErrors</Status>
            </DriveLog>
            """;

    @Test
    void theVerboseLogHoldsEveryBlobAndBlock() {
        assertEquals(HEAD + CONFIG + PACK_START + GOOD_BLOCK + BAD_BLOCK + PACK_END_AND_TAIL, log().xml(false));
    }

    @Test
    void theErrorLogHoldsWhatFailedOnly() {
        DriveLog log = log();
        assertTrue(log.hasErrors());
        assertEquals(HEAD + PACK_START + BAD_BLOCK + PACK_END_AND_TAIL, log.xml(true));
    }

    @Test
    void aDriveThatCouldNotBeOpenedLogsItsStatusAlone() {
        DriveLog log = new DriveLog("WD-1");
        log.status(DriveLog.BITLOCKER_KEY_INVALID);
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <DriveLog Version="2014-11-01">
                  <DriveId>WD-1</DriveId>
                  <Status>BitLockerKeyInvalid</Status>
                </DriveLog>
                """, log.xml(true));
    }
}

package org.seedbench.crypto.bitlocker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.io.file.PathUtils;

import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.RecoveryPasswords;
import org.seedbench.core.spi.CommandRunner;

/**
 * A test double that plays manage-bde and PowerShell's Format-Volume over temporary folders, one per drive
 * letter, answering in manage-bde's output format: formatting empties the folder, {@code -on} makes a recovery
 * password, {@code -status} advances encryption by half each time it is asked, {@code -lock} hides the folder's
 * files until {@code -unlock} is given the right password. It encrypts nothing.
 */
final class SimulatedManageBde implements CommandRunner {
    private static final String HEADER = "BitLocker Drive Encryption: Configuration Tool version 10.0.22631\n"
            + "Copyright (C) 2013 Microsoft Corporation. All rights reserved.\n\n";

    private static final class Drive {
        final Path folder;
        final Path hidden;
        boolean on;
        boolean locked;
        double percent;
        String protectorId;
        Secret password;

        Drive(Path folder) {
            this.folder = folder;
            this.hidden = folder.resolveSibling(folder.getFileName() + ".locked");
        }
    }

    private final Map<String, Drive> drives = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private char nextLetter = 'D';

    /** Gives {@code folder} the next free drive letter and returns it, e.g. {@code D:}. */
    synchronized String attach(Path folder) {
        String letter = nextLetter++ + ":";
        drives.put(letter, new Drive(folder));
        return letter;
    }

    @Override
    public synchronized Result run(List<String> command, Duration timeout) throws IOException {
        if (command.get(0).equals("powershell.exe")) {
            String script = command.get(command.size() - 1);
            String letter = script.replaceAll(".*-DriveLetter (\\w) .*", "$1") + ":";
            Drive d = drives.get(letter);
            if (d == null || d.locked) {
                return new Result(1, "", "Format-Volume : Access denied\n");
            }
            empty(d.folder);
            return new Result(0, "", "");
        }
        Drive d = drives.get(command.get(command.indexOf("-protectors") >= 0 ? 3 : 2).toUpperCase(Locale.ROOT));
        if (d == null) {
            return error("ERROR: The volume could not be opened by BitLocker.");
        }
        switch (command.get(1)) {
            case "-status":
                String out = status(command.get(2), d);
                if (d.on && d.percent < 100) {
                    d.percent = Math.min(100, d.percent + 50);
                }
                return new Result(0, out, "");
            case "-on":
                if (d.on) {
                    return error("ERROR: An error occurred (code 0x80310030):");
                }
                d.on = true;
                d.percent = 0;
                d.protectorId = "{" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT) + "}";
                d.password = RecoveryPasswords.generate(random);
                return new Result(0, HEADER + "Volume " + command.get(2) + " []\n[Data Volume]\n"
                        + "Key Protectors Added:\n\n" + protector(d) + "\nEncryption is now in progress.\n", "");
            case "-protectors":
                if (!d.on) {
                    return error("ERROR: No key protectors found.");
                }
                return new Result(0, HEADER + "Volume " + command.get(3) + " []\nAll Key Protectors\n\n" + protector(d),
                        "");
            case "-lock":
                if (!d.locked) {
                    Files.move(d.folder, d.hidden);
                    Files.createDirectory(d.folder);
                    d.locked = true;
                }
                return new Result(0, HEADER + "Volume " + command.get(2) + " is now locked\n", "");
            case "-unlock":
                if (!d.locked) {
                    return error("ERROR: An error occurred (code 0x80310020):");
                }
                if (!command.get(4).equals(new String(d.password.reveal()))) {
                    return error("ERROR: An error occurred (code 0x80310027):\n"
                            + "The volume cannot be unlocked with the provided information.");
                }
                Files.delete(d.folder);
                Files.move(d.hidden, d.folder);
                d.locked = false;
                return new Result(0, HEADER + "The password successfully unlocked volume " + command.get(2) + ".\n",
                        "");
            default:
                return error("ERROR: unknown parameter " + command.get(1));
        }
    }

    private static Result error(String text) {
        return new Result(-1, HEADER + text + "\n", "");
    }

    private static String protector(Drive d) {
        return "    Numerical Password:\n      ID: " + d.protectorId + "\n      Password:\n        "
                + new String(d.password.reveal()) + "\n";
    }

    private static String status(String volume, Drive d) {
        String conversion = !d.on ? "Fully Decrypted"
                : d.locked ? "Unknown" : d.percent < 100 ? "Encryption in Progress" : "Used Space Only Encrypted";
        String percent = d.locked ? "Unknown" : String.format(Locale.ROOT, "%.1f", d.percent);
        return HEADER + "Volume " + volume + " []\n[Data Volume]\n\n"
                + "    Size:                 0.06 GB\n"
                + "    BitLocker Version:    " + (d.on ? "2.0" : "None") + "\n"
                + "    Conversion Status:    " + conversion + "\n"
                + "    Percentage Encrypted: " + percent + "%\n"
                + "    Encryption Method:    " + (d.on ? "XTS-AES 128" : "None") + "\n"
                + "    Protection Status:    " + (d.locked ? "Unknown" : d.on ? "Protection On" : "Protection Off")
                + "\n"
                + "    Lock Status:          " + (d.locked ? "Locked" : "Unlocked") + "\n"
                + "    Identification Field: Unknown\n"
                + "    Automatic Unlock:     Disabled\n"
                + (d.on ? "    Key Protectors:\n        Numerical Password\n"
                        : "    Key Protectors:       None Found\n")
                + "\n";
    }

    private static void empty(Path folder) throws IOException {
        PathUtils.cleanDirectory(folder);
    }
}

package org.seedbench.crypto.bitlocker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.seedbench.core.model.Secret;
import org.seedbench.core.spi.CommandRunner;
import org.seedbench.core.spi.DriveTarget;

/**
 * BitLocker through {@code manage-bde} (and PowerShell's {@code Format-Volume}), run by a {@link CommandRunner}.
 * Reads manage-bde's English output. What the commands print may hold recovery passwords: it never reaches an
 * exception message or a log; a failure becomes one line built from the exit code, a known cause or the
 * BitLocker error code alone.
 */
final class ManageBde {
    static final String EXE = "manage-bde";
    private static final Duration SHORT = Duration.ofMinutes(2);
    private static final Duration FORMAT = Duration.ofMinutes(30);
    private static final Pattern FIELD = Pattern.compile("^\\s+([A-Za-z][A-Za-z ]*?):\\s*(.*?)\\s*$");
    private static final Pattern ERROR_CODE = Pattern.compile("\\(code (0x[0-9A-Fa-f]{8})\\)");
    private static final Pattern RECOVERY_PASSWORD = Pattern.compile(
            "Numerical Password:\\s*\\R\\s*ID:\\s*(\\{[0-9A-Fa-f-]{36}\\})\\s*\\R\\s*Password:\\s*\\R\\s*"
                    + "(\\d{6}(?:-\\d{6}){7})\\s*(?:\\R|$)");
    private static final String ENGLISH = "Seedbench reads manage-bde's English output; run it under an account "
            + "whose Windows display language is English";

    /** What {@code manage-bde -status X:} says about a volume. {@code percent} is NaN while it is locked. */
    record Status(String conversion, double percent, boolean locked, List<String> keyProtectors) {
        boolean bitLockerOn() {
            return locked || !"Fully Decrypted".equalsIgnoreCase(conversion);
        }

        boolean fullyEncrypted() {
            return percent >= 100.0 && ("Fully Encrypted".equalsIgnoreCase(conversion)
                    || "Used Space Only Encrypted".equalsIgnoreCase(conversion));
        }

        boolean hasRecoveryPassword() {
            return keyProtectors.stream().anyMatch(p -> p.equalsIgnoreCase("Numerical Password"));
        }
    }

    /** A recovery-password key protector. */
    record Protector(String id, Secret password) {
        @Override
        public String toString() {
            return "Protector[" + id + "]";
        }
    }

    private final CommandRunner runner;

    ManageBde(CommandRunner runner) {
        this.runner = runner;
    }

    /** The drive letter with its colon, e.g. {@code E:}, from the drive's device. */
    static String volume(DriveTarget drive) throws IOException {
        String device = drive.device() == null ? "" : drive.device().trim();
        if (device.matches("[A-Za-z]:\\\\?")) {
            return device.substring(0, 2).toUpperCase(Locale.ROOT);
        }
        throw new IOException("drive " + drive.serial() + ": BitLocker needs the drive's letter, such as E:, as its "
                + "device, not '" + device + "'");
    }

    Status status(DriveTarget drive) throws IOException {
        String volume = volume(drive);
        CommandRunner.Result r = run(drive, "read the status of", SHORT, EXE, "-status", volume);
        return parseStatus(r.stdout(), drive, volume);
    }

    /** Quick-formats the volume as NTFS with PowerShell's Format-Volume, labelled with the drive's serial. */
    void format(DriveTarget drive) throws IOException {
        String letter = volume(drive).substring(0, 1);
        run(drive, "format", FORMAT, "powershell.exe", "-NoProfile", "-NonInteractive", "-Command",
                "Format-Volume -DriveLetter " + letter + " -FileSystem NTFS -NewFileSystemLabel '" + label(drive)
                        + "' -Force -Confirm:$false -ErrorAction Stop | Out-Null");
    }

    /** Turns BitLocker on, protected by a new recovery password, encrypting the used space only. */
    void on(DriveTarget drive) throws IOException {
        run(drive, "turn BitLocker on for", SHORT, EXE, "-on", volume(drive), "-RecoveryPassword", "-UsedSpaceOnly");
    }

    List<Protector> recoveryPasswords(DriveTarget drive) throws IOException {
        CommandRunner.Result r = run(drive, "read the key protectors of", SHORT, EXE, "-protectors", "-get",
                volume(drive), "-Type", "RecoveryPassword");
        return parseRecoveryPasswords(r.stdout());
    }

    /** Unlocks the volume; {@code false} when BitLocker says the password does not unlock it. */
    boolean unlock(DriveTarget drive, Secret password) throws IOException {
        String volume = volume(drive);
        char[] text = password.reveal();
        CommandRunner.Result r;
        try {
            r = exec(drive, "unlock", SHORT, EXE, "-unlock", volume, "-RecoveryPassword", new String(text));
        } finally {
            Arrays.fill(text, '\0');
        }
        if (r.exitCode() == 0) {
            return true;
        }
        String out = r.stdout() + r.stderr();
        if ("0x80310027".equalsIgnoreCase(errorCode(out))
                || out.contains("cannot be unlocked with the provided information")) {
            return false;
        }
        throw failure(drive, "unlock", r);
    }

    void lock(DriveTarget drive) throws IOException {
        CommandRunner.Result r = exec(drive, "lock", SHORT, EXE, "-lock", volume(drive));
        if (r.exitCode() != 0) {
            throw new IOException("manage-bde could not lock drive " + drive.serial() + " (" + volume(drive) + ", "
                    + codes(r) + "); close the programs and windows using it, or eject the drive");
        }
    }

    private CommandRunner.Result run(DriveTarget drive, String action, Duration timeout, String... command)
            throws IOException {
        CommandRunner.Result r = exec(drive, action, timeout, command);
        if (r.exitCode() != 0) {
            throw failure(drive, action, r);
        }
        return r;
    }

    /** Runs a command; a command that cannot start (not Windows) or hangs is one line without its arguments. */
    private CommandRunner.Result exec(DriveTarget drive, String action, Duration timeout, String... command)
            throws IOException {
        try {
            return runner.run(List.of(command), timeout);
        } catch (IOException e) {
            throw new IOException(command[0] + " could not " + action + " drive " + drive.serial() + ": "
                    + e.getMessage() + " (BitLocker needs Windows with manage-bde and PowerShell)", e);
        }
    }

    private static IOException failure(DriveTarget drive, String action, CommandRunner.Result r) {
        String volume;
        try {
            volume = volume(drive);
        } catch (IOException e) {
            volume = "?";
        }
        return new IOException("manage-bde could not " + action + " drive " + drive.serial() + " (" + volume + "): "
                + reason(r));
    }

    /** One line about why a command failed, built from known causes only: never the command's own output. */
    static String reason(CommandRunner.Result r) {
        String out = r.stdout() + "\n" + r.stderr();
        String code = errorCode(out);
        if (out.contains("administrative rights") || "0x80070005".equalsIgnoreCase(code)
                || out.contains("Access denied") || out.contains("Access is denied")) {
            return "access denied; run Seedbench as an administrator";
        }
        if (out.contains("could not be opened by BitLocker") || out.contains("No MSFT_Volume objects found")) {
            return "Windows has no such volume; check the drive is connected and has that letter";
        }
        return code != null ? "BitLocker error " + code + " (exit code " + r.exitCode() + ")"
                : "it ended with exit code " + r.exitCode();
    }

    /** The error code manage-bde printed, if any, and the exit code. */
    private static String codes(CommandRunner.Result r) {
        String code = errorCode(r.stdout() + "\n" + r.stderr());
        return (code != null ? "error " + code + ", " : "") + "exit code " + r.exitCode();
    }

    private static String errorCode(String out) {
        Matcher m = ERROR_CODE.matcher(out);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The NTFS label: the serial's letters, digits and hyphens, at most 32. */
    static String label(DriveTarget drive) {
        String label = drive.serial().replaceAll("[^A-Za-z0-9-]", "-");
        label = label.length() > 32 ? label.substring(0, 32) : label;
        return label.isEmpty() ? "SEEDBENCH" : label;
    }

    static Status parseStatus(String output, DriveTarget drive, String volume) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> protectors = new ArrayList<>();
        boolean inProtectors = false;
        for (String line : output.split("\\R")) {
            Matcher m = FIELD.matcher(line);
            if (m.matches()) {
                String key = m.group(1).trim();
                fields.put(key.toLowerCase(Locale.ROOT), m.group(2));
                inProtectors = key.equalsIgnoreCase("Key Protectors") && m.group(2).isEmpty();
            } else if (inProtectors && !line.isBlank()) {
                protectors.add(line.trim());
            } else {
                inProtectors = false;
            }
        }
        String conversion = fields.get("conversion status");
        String percent = fields.get("percentage encrypted");
        if (conversion == null || percent == null || !output.contains("Volume " + volume)) {
            throw new IOException("manage-bde's status of drive " + drive.serial() + " (" + volume
                    + ") could not be read; " + ENGLISH);
        }
        boolean locked = "Locked".equalsIgnoreCase(fields.getOrDefault("lock status", ""));
        return new Status(conversion, percent(percent), locked, List.copyOf(protectors));
    }

    private static double percent(String text) {
        String number = text.replace("%", "").replace(',', '.').trim();
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static List<Protector> parseRecoveryPasswords(String output) {
        List<Protector> protectors = new ArrayList<>();
        Matcher m = RECOVERY_PASSWORD.matcher(output);
        while (m.find()) {
            protectors.add(new Protector(m.group(1).toUpperCase(Locale.ROOT), Secret.of(m.group(2))));
        }
        return protectors;
    }
}

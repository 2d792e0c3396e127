package org.seedbench.diskprep.drives;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.seedbench.core.rules.DriveRules;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

/**
 * Turns the {@code --drive} values of one command into drives, with the import service's drive rules applied.
 * Each value is one of:
 * <ul>
 * <li>a folder drive, {@code dir:PATH,capacity=SIZE,serial=ID[,model=TEXT]} (see {@link FolderDrives});</li>
 * <li>a device: {@code /dev/sdb} (also a bare {@code sdb}, or a link such as {@code /dev/disk/by-id/…}),
 * {@code \\.\PHYSICALDRIVE3};</li>
 * <li>a Windows drive letter: {@code E:} or {@code E:\};</li>
 * <li>the serial number of an attached drive (case ignored).</li>
 * </ul>
 * Every problem of every value is collected into one {@link InvalidInputException}: values that name no
 * attached drive, the system disk, a partition instead of its drive, a drive given twice, a drive without a
 * serial number, the drive rules (SATA HDD or SSD, also through a USB adaptor; at most 10 TB; no NVMe, no USB
 * stick; at most 10 drives). Nothing is created unless every value is good; then the folders of folder drives
 * are created. Attached drives are discovered only when a value is not a folder drive.
 */
public final class DriveSpecs {
    private static final Pattern LETTER = Pattern.compile("([A-Za-z]):\\\\?");

    /**
     * The drives, in the order given, and what the admin should know about them (e.g. that a USB adaptor is
     * not shipped).
     */
    public record Resolved(List<AttachedDrive> drives, List<String> notes) {
        public Resolved {
            drives = List.copyOf(drives);
            notes = List.copyOf(notes);
        }
    }

    private DriveSpecs() {
    }

    /**
     * @throws InvalidInputException every problem found, each naming the value as given
     * @throws IOException           when this computer's drives cannot be listed (lsblk or PowerShell failed)
     */
    public static Resolved resolve(List<String> specs, DriveDiscovery discovery)
            throws InvalidInputException, IOException {
        return resolve(specs, discovery, true);
    }

    /**
     * @param createFolders false to check the specs without creating a missing folder drive's folder (its drive
     *                      then describes the folder as given, with no notes about its file system)
     * @throws InvalidInputException every problem found, each naming the value as given
     * @throws IOException           when this computer's drives cannot be listed (lsblk or PowerShell failed)
     */
    public static Resolved resolve(List<String> specs, DriveDiscovery discovery, boolean createFolders)
            throws InvalidInputException, IOException {
        List<Problem> problems = new ArrayList<>();
        if (specs == null || specs.isEmpty()) {
            throw new InvalidInputException(new Problem(DriveRules.FIELD, null, "none given",
                    "at least one drive: " + FolderDrives.FORM + ", a device such as /dev/sdb or E:, "
                            + "or an attached drive's serial number"));
        }
        DiscoveredDrives found = null;
        List<String> given = new ArrayList<>();
        List<AttachedDrive> drives = new ArrayList<>();
        List<FolderDrives.Parsed> folders = new ArrayList<>();
        for (String raw : specs) {
            String spec = raw == null ? "" : raw.strip();
            if (spec.isEmpty()) {
                problems.add(new Problem(DriveRules.FIELD, spec, "is empty", FolderDrives.FORM));
                continue;
            }
            if (FolderDrives.isFolderSpec(spec)) {
                FolderDrives.Parsed p = FolderDrives.read(spec, problems);
                if (p != null) {
                    folders.add(p);
                    given.add(spec);
                    drives.add(p.drive(List.of()));
                }
                continue;
            }
            if (found == null) {
                found = discovery.discover();
            }
            AttachedDrive d = find(spec, found, problems);
            if (d != null) {
                given.add(spec);
                drives.add(d);
            }
        }
        FolderDrives.checkFolders(folders, problems);
        checkTwice(given, drives, problems);
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < drives.size(); i++) {
            check(given.get(i), drives.get(i), problems, notes);
        }
        problems.addAll(DriveRules.checkDriveCount(specs.size()));
        InvalidInputException.throwIfAny(problems);

        List<AttachedDrive> result = new ArrayList<>();
        for (int i = 0, f = 0; i < drives.size(); i++) {
            AttachedDrive d = drives.get(i);
            if (d.isFolder() && createFolders) {
                d = FolderDrives.create(folders.get(f++), problems);
                notes.addAll(d.notes());
            }
            result.add(d);
        }
        InvalidInputException.throwIfAny(problems);
        return new Resolved(result, notes);
    }

    private static AttachedDrive find(String spec, DiscoveredDrives found, List<Problem> problems) {
        var letter = LETTER.matcher(spec);
        String key = letter.matches() ? letter.group(1).toUpperCase(Locale.ROOT) + ":" : spec;
        List<String> candidates = new ArrayList<>(List.of(key));
        if (!key.contains("/") && !key.contains("\\") && !key.contains(":")) {
            candidates.add("/dev/" + key);
        }
        realDevice(key).ifPresent(candidates::add);
        for (String c : candidates) {
            for (AttachedDrive d : found.drives()) {
                if (d.device().equalsIgnoreCase(c)) {
                    return d;
                }
            }
        }
        for (AttachedDrive d : found.drives()) {
            if (d.serial() != null && d.serial().equalsIgnoreCase(key)) {
                return d;
            }
        }
        for (String c : candidates) {
            Optional<DiscoveredDrives.Skipped> s = found.skippedDevice(c);
            if (s.isPresent()) {
                problems.add(new Problem(DriveRules.FIELD, spec, s.get().description() + ", " + s.get().reason(),
                        available(found)));
                return null;
            }
            String whole = found.partitions().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(c))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (whole != null) {
                problems.add(new Problem(DriveRules.FIELD, spec, "is a partition of " + whole + ", not a whole drive",
                        "the whole drive, " + whole));
                return null;
            }
        }
        problems.add(new Problem(DriveRules.FIELD, spec,
                "is neither a folder drive nor the device or serial number of an attached drive",
                FolderDrives.FORM + "; " + available(found)));
        return null;
    }

    /** {@code /dev/disk/by-id/ata-…} → {@code /dev/sdb}, when the link exists here. */
    private static Optional<String> realDevice(String spec) {
        if (!spec.startsWith("/")) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(spec);
            return Files.exists(p) ? Optional.of(p.toRealPath().toString()) : Optional.empty();
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static String available(DiscoveredDrives found) {
        if (found.drives().isEmpty()) {
            return "an attached drive, and none is attached apart from "
                    + (found.skipped().isEmpty() ? "none" : found.skipped().stream().map(DiscoveredDrives.Skipped::device)
                            .collect(Collectors.joining(", ")));
        }
        return "one of the attached drives: " + found.drives().stream()
                .map(d -> d.device() + (d.serial() == null ? "" : " (serial " + d.serial() + ")"))
                .collect(Collectors.joining(", "));
    }

    private static void checkTwice(List<String> given, List<AttachedDrive> drives, List<Problem> problems) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < drives.size(); i++) {
            AttachedDrive d = drives.get(i);
            List<String> keys = new ArrayList<>();
            if (!d.isFolder()) {
                keys.add("device:" + d.device().toLowerCase(Locale.ROOT));
            }
            if (d.serial() != null) {
                keys.add("serial:" + d.serial().toLowerCase(Locale.ROOT));
            }
            Integer first = keys.stream().map(seen::get).filter(f -> f != null).findFirst().orElse(null);
            for (String k : keys) {
                seen.putIfAbsent(k, i);
            }
            if (first != null) {
                AttachedDrive other = drives.get(first);
                boolean sameDrive = !d.isFolder() && !other.isFolder() && d.device().equalsIgnoreCase(other.device());
                problems.add(new Problem(DriveRules.FIELD, given.get(i), sameDrive
                        ? "is the same drive as '" + given.get(first) + "'"
                        : "has serial " + d.serial() + ", as '" + given.get(first) + "' has",
                        "each drive once, each serial once"));
            }
        }
    }

    private static void check(String spec, AttachedDrive d, List<Problem> problems, List<String> notes) {
        String who = who(spec, d);
        if (d.serial() == null) {
            problems.add(new Problem(DriveRules.FIELD, spec, who + "reports no serial number",
                    "a drive with a serial number; the import job names each drive by it"));
        }
        if (d.formFactor() != null) {
            String ff = d.formFactor().replace("\"", "").replace("inches", "").replace("inch", "").strip();
            boolean ok = AttachedDrive.MEDIA_SSD.equals(d.mediaType()) ? ff.equals("2.5")
                    : ff.equals("2.5") || ff.equals("3.5");
            if (!ok) {
                problems.add(new Problem(DriveRules.FIELD, spec, who + "has form factor " + d.formFactor(),
                        "2.5\" SSD or 2.5\"/3.5\" SATA II/III HDD"));
            }
        }
        List<String> ruleNotes = new ArrayList<>();
        for (Problem p : DriveRules.checkDrive(d.toDrive(null), ruleNotes)) {
            problems.add(new Problem(p.field(), spec, who + p.problem(), p.allowed()));
        }
        if (d.formFactor() == null && AttachedDrive.MEDIA_SSD.equals(d.mediaType())
                && AttachedDrive.TRANSPORT_SATA.equals(d.transport())) {
            notes.add("drive " + d.serial() + " is a SATA SSD: the import service takes 2.5\" SSDs only; "
                    + "make sure it is not an M.2 or mSATA one");
        }
        notes.addAll(d.notes());
        notes.addAll(ruleNotes);
    }

    /** How a problem names the drive behind a value, so that the admin sees which drive {@code /dev/sdb} is. */
    private static String who(String spec, AttachedDrive d) {
        if (d.isFolder()) {
            return "";
        }
        String model = d.model() == null ? "the drive" : d.model();
        if (d.serial() != null && d.serial().equalsIgnoreCase(spec)) {
            return model + " at " + d.device() + " ";
        }
        return model + (d.serial() == null ? "" : ", serial " + d.serial() + ",") + " ";
    }
}

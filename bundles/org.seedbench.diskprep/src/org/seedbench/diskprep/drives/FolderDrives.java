package org.seedbench.diskprep.drives;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.seedbench.core.rules.DriveRules;
import org.seedbench.core.rules.Folders;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.Sizes;
import org.seedbench.core.spi.DriveTarget;

/**
 * Folder drives stand in for real drives in tests, the demo and rehearsals:
 * {@code dir:PATH,capacity=SIZE,serial=ID[,model=TEXT]}.
 * <ul>
 * <li>{@code PATH}: a folder, created (with its parents) when missing, once every spec of the command is
 * valid; relative paths are taken from the working directory; it may hold commas; two folder drives of one
 * command may not be the same folder or lie one inside the other.</li>
 * <li>{@code capacity}: required; a number with {@code K}, {@code M}, {@code G}, {@code T} (decimal, as drives are
 * sold: {@code 2G} = 2,000,000,000 bytes; fractions such as {@code 1.2G} are fine; {@code KiB}… are binary). It
 * is the drive's size: the encryptor refuses to write more, whatever room the file system has.</li>
 * <li>{@code serial}: required, not derived, because the serial names the drive in the import job, in its
 * DriveInfo file and on the shipping label, and must not change when the folder moves; 1–32 letters, digits,
 * {@code -}, {@code _} or {@code .}.</li>
 * <li>{@code model}: optional, {@value #DEFAULT_MODEL} when absent.</li>
 * </ul>
 * Folder drives have transport {@code FOLDER} and media type SSD, and obey the drive rules' limits.
 */
public final class FolderDrives {
    public static final String PREFIX = "dir:";
    public static final String DEFAULT_MODEL = "Seedbench folder drive";
    static final String FORM = "dir:PATH,capacity=SIZE,serial=ID[,model=TEXT], e.g. dir:/seed/d1,capacity=2G,serial=SB-0001";
    private static final String SIZE_ALLOWED = "a number with K, M, G or T, e.g. 1.2G";
    private static final String SERIAL_ALLOWED = "1 to 32 letters, digits, '-', '_' or '.', e.g. SB-0001";
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    /** A comma that starts an option: {@code ,word=}. Other commas belong to the path. */
    private static final Pattern OPTION = Pattern.compile(",\\s*([A-Za-z][A-Za-z0-9_-]*)\\s*=");

    /** A folder spec that reads well; the folder is not created yet. */
    record Parsed(String spec, Path folder, long capacity, String serial, String model) {
        AttachedDrive drive(List<String> notes) {
            return new AttachedDrive(serial, model, AttachedDrive.TRANSPORT_FOLDER, AttachedDrive.MEDIA_SSD, capacity,
                    false, false, null, new DriveTarget(serial, folder.toString(), folder, capacity), notes);
        }
    }

    private FolderDrives() {
    }

    public static boolean isFolderSpec(String spec) {
        return spec != null && spec.strip().regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * The folder a folder drive's spec names (absolute, links resolved as far as it exists); empty when the spec is
     * not a readable folder spec. Nothing is created.
     */
    public static Optional<Path> folderOf(String spec) {
        if (!isFolderSpec(spec)) {
            return Optional.empty();
        }
        Parsed p = read(spec, new ArrayList<>());
        return p == null ? Optional.empty() : Optional.of(p.folder());
    }

    /** Reads one spec and creates its folder when missing. */
    public static AttachedDrive parse(String spec) throws InvalidInputException {
        return parseAll(List.of(spec)).get(0);
    }

    /**
     * Reads the folder specs of one command, as {@link DriveSpecs#resolve} does: every spec is checked (syntax,
     * folders neither the same nor nested, serials used once, the drive rules' limits and count) before any folder
     * is created.
     *
     * @throws InvalidInputException with one problem per thing wrong, each naming its spec
     */
    public static List<AttachedDrive> parseAll(List<String> specs) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>();
        for (String spec : specs) {
            if (!isFolderSpec(spec)) {
                problems.add(problem(spec, "is not a folder drive", FORM));
            }
        }
        InvalidInputException.throwIfAny(problems);
        try {
            return DriveSpecs.resolve(specs, DriveDiscovery.NONE).drives();
        } catch (IOException e) {
            throw new IllegalStateException("folder drives need no discovery", e);
        }
    }

    /** Reads a spec without touching the file system beyond looking; adds its problems and returns null if any. */
    static Parsed read(String spec, List<Problem> problems) {
        int before = problems.size();
        String rest = spec.strip().substring(PREFIX.length());
        Matcher m = OPTION.matcher(rest);
        List<int[]> starts = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] { m.start(), m.end(), m.start(1), m.end(1) });
        }
        String pathText = starts.isEmpty() ? rest : rest.substring(0, starts.get(0)[0]);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < starts.size(); i++) {
            int[] at = starts.get(i);
            String key = rest.substring(at[2], at[3]).toLowerCase(Locale.ROOT);
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : rest.length();
            String value = rest.substring(at[1], end).strip();
            if (!List.of("capacity", "serial", "model").contains(key)) {
                problems.add(problem(spec, "option '" + key + "' is unknown", "capacity, serial, model; " + FORM));
            } else if (options.putIfAbsent(key, value) != null) {
                problems.add(problem(spec, "option '" + key + "' is given twice", "each option once"));
            }
        }
        Path folder = null;
        pathText = pathText.strip();
        if (pathText.isEmpty()) {
            problems.add(problem(spec, "names no folder", FORM));
        } else {
            try {
                folder = Folders.canonical(Path.of(pathText));
                if (Files.exists(folder) && !Files.isDirectory(folder)) {
                    problems.add(problem(spec, "'" + folder + "' is a file, not a folder",
                            "a folder, or a path where one can be created"));
                }
            } catch (InvalidPathException e) {
                problems.add(problem(spec, "'" + pathText + "' is not a path on this computer", FORM));
            }
        }
        long capacity = 0;
        String size = options.get("capacity");
        if (size == null) {
            problems.add(problem(spec, "has no capacity", "capacity=SIZE, " + SIZE_ALLOWED));
        } else {
            try {
                capacity = Sizes.parse(size);
                if (capacity <= 0) {
                    problems.add(problem(spec, "capacity '" + size + "' is not more than 0 bytes", SIZE_ALLOWED));
                }
            } catch (IllegalArgumentException e) {
                problems.add(problem(spec, "capacity '" + size + "' is not a size", SIZE_ALLOWED));
            }
        }
        String serial = options.get("serial");
        if (serial == null || serial.isEmpty()) {
            problems.add(problem(spec, "has no serial", "serial=ID, " + SERIAL_ALLOWED));
        } else if (!SERIAL.matcher(serial).matches()) {
            problems.add(problem(spec, "serial '" + serial + "' is not a drive serial", SERIAL_ALLOWED));
        }
        String model = options.get("model");
        if (problems.size() > before) {
            return null;
        }
        return new Parsed(spec, folder, capacity, serial, model == null || model.isEmpty() ? DEFAULT_MODEL : model);
    }

    /** Two folder drives may be neither the same folder nor one inside the other. */
    static void checkFolders(List<Parsed> parsed, List<Problem> problems) {
        for (int i = 0; i < parsed.size(); i++) {
            int before = problems.size();
            for (int j = 0; j < i && problems.size() == before; j++) {
                Path a = parsed.get(j).folder();
                Path b = parsed.get(i).folder();
                if (a.equals(b)) {
                    problems.add(problem(parsed.get(i).spec(), "folder '" + b + "' is already the folder drive '"
                            + parsed.get(j).spec() + "'", "one folder per drive"));
                } else if (b.startsWith(a) || a.startsWith(b)) {
                    Path inner = b.startsWith(a) ? b : a;
                    Path outer = inner == b ? a : b;
                    problems.add(problem(parsed.get(i).spec(), "folder '" + inner + "' is inside the folder drive '"
                            + outer + "'", "folders that do not hold one another"));
                }
            }
        }
    }

    /** Creates the folder when missing; adds a note when its file system has less room than the capacity. */
    static AttachedDrive create(Parsed p, List<Problem> problems) {
        List<String> notes = new ArrayList<>();
        try {
            Files.createDirectories(p.folder());
            FileStore store = Files.getFileStore(p.folder());
            long usable = store.getUsableSpace();
            if (usable < p.capacity()) {
                notes.add("folder drive " + p.serial() + " declares " + Sizes.decimal(p.capacity())
                        + " but its file system has " + Sizes.decimal(usable) + " free; copying stops when it is full");
            }
        } catch (IOException e) {
            problems.add(problem(p.spec(), "folder '" + p.folder() + "' cannot be created (" + e + ")",
                    "a folder this user can write, or a path where one can be created"));
        }
        return p.drive(notes);
    }

    private static Problem problem(String spec, String what, String allowed) {
        return new Problem(DriveRules.FIELD, spec, what, allowed);
    }
}

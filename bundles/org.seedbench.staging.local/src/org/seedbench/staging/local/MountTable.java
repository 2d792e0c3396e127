package org.seedbench.staging.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The SMB/CIFS shares mounted on this computer, read from a Linux mount table ({@code /proc/self/mounts}),
 * so that a UNC path {@code \\server\share\folder} can be taken to the folder where that share is mounted.
 * Server and share names compare without regard to case, as SMB does; a share mounted from a sub-folder
 * ({@code //server/share/sub}) serves the UNC paths under that sub-folder. Where there is no mount table
 * (macOS, BSD), no share is known.
 */
final class MountTable {
    private static final Set<String> SHARE_TYPES = Set.of("cifs", "smb3", "smbfs");

    /** A mounted share: its segments (server, share, sub-folders) and where it is mounted. */
    record Share(List<String> segments, Path mountPoint) {
    }

    private final Supplier<Path> table;

    /** @param table a file in the {@code /proc/self/mounts} format */
    MountTable(Path table) {
        this(() -> table);
    }

    /** @param table where the file in the {@code /proc/self/mounts} format is, asked at each use */
    MountTable(Supplier<Path> table) {
        this.table = table;
    }

    /**
     * The local folder of a UNC path given as its segments (server, share, folders…), or empty when no
     * mounted share holds it.
     */
    Optional<Path> resolve(List<String> unc) {
        Share best = null;
        for (Share share : shares()) {
            if (startsWithIgnoringCase(unc, share.segments())
                    && (best == null || share.segments().size() > best.segments().size())) {
                best = share;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Path folder = best.mountPoint();
        for (String segment : unc.subList(best.segments().size(), unc.size())) {
            folder = folder.resolve(segment);
        }
        return Optional.of(folder);
    }

    /** The shares of the mount table; none when it cannot be read. */
    List<Share> shares() {
        List<String> lines;
        try {
            lines = Files.readAllLines(table.get(), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            return List.of();
        }
        List<Share> shares = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 3 || !SHARE_TYPES.contains(fields[2].toLowerCase(Locale.ROOT))) {
                continue;
            }
            String source = unescape(fields[0]).replace('\\', '/');
            if (!source.startsWith("//")) {
                continue;
            }
            List<String> segments = segments(source.substring(2));
            if (segments.size() < 2) {
                continue;
            }
            try {
                shares.add(new Share(segments, Path.of(unescape(fields[1]))));
            } catch (InvalidPathException e) {
                continue;
            }
        }
        return shares;
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        return segments;
    }

    private static boolean startsWithIgnoringCase(List<String> path, List<String> prefix) {
        if (path.size() < prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!path.get(i).equalsIgnoreCase(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Undoes the mount table's octal escapes ({@code \040} for a space, {@code \134} for a backslash). */
    static String unescape(String field) {
        StringBuilder b = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                b.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}

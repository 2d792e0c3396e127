package org.seedbench.catalog.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.seedbench.catalog.PackLease;

/**
 * The {@code pack_leases} table (schema version 7) in portable SQL, for H2 and PostgreSQL alike: every claim is a
 * conditional {@code UPDATE} of one row, which both databases apply to the row as it is when the update runs (a
 * concurrent update of the same row waits, then the condition is checked again), so of two computers claiming one
 * pack exactly one updates it. Expiry times are epoch milliseconds, compared with the claiming computer's clock.
 * Each method works in the caller's transaction.
 */
final class PackLeaseTable {
    private static final String FREE = "free";
    private static final String CLAIMED = "claimed";
    private static final String PLACED = "placed";

    /** What a claim did: the packs won, and of them, how many from which computer whose lease expired. */
    record Claimed(Set<String> won, Map<String, Integer> takenOver) {
    }

    private PackLeaseTable() {
    }

    /** Inserts a free row per pack when the job has none; returns the job's row count. */
    static int offer(Connection c, String jobName, Collection<String> packs) throws SQLException {
        int existing = count(c, jobName);
        if (existing > 0) {
            return existing;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO pack_leases (job_name, pack, state) VALUES (?, ?, '" + FREE + "')")) {
            for (String pack : new LinkedHashSet<>(packs)) {
                ps.setString(1, jobName);
                ps.setString(2, pack);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return count(c, jobName);
    }

    static Claimed claim(Connection c, String jobName, String computer, String driveSerial, Collection<String> packs,
            Instant now, Duration lease) throws SQLException {
        Map<String, PackLease> before = new TreeMap<>();
        for (PackLease l : list(c, jobName)) {
            before.put(l.pack(), l);
        }
        Set<String> won = new LinkedHashSet<>();
        Map<String, Integer> takenOver = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE pack_leases SET state = '" + CLAIMED + "', "
                + "computer = ?, drive_serial = ?, expires_millis = ? WHERE job_name = ? AND pack = ? AND (state = '"
                + FREE + "' OR state = '" + CLAIMED + "' AND (computer = ? OR expires_millis < ?))")) {
            for (String pack : new LinkedHashSet<>(packs)) {
                ps.setString(1, computer);
                ps.setString(2, driveSerial);
                ps.setLong(3, now.plus(lease).toEpochMilli());
                ps.setString(4, jobName);
                ps.setString(5, pack);
                ps.setString(6, computer);
                ps.setLong(7, now.toEpochMilli());
                if (ps.executeUpdate() == 1) {
                    won.add(pack);
                    PackLease was = before.get(pack);
                    if (was != null && was.state() == PackLease.State.CLAIMED && !computer.equals(was.computer())) {
                        takenOver.merge(was.computer(), 1, Integer::sum);
                    }
                }
            }
        }
        return new Claimed(won, takenOver);
    }

    static int renew(Connection c, String jobName, String computer, Instant now, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pack_leases SET expires_millis = ? WHERE job_name = ? "
                + "AND computer = ? AND state = '" + CLAIMED + "'")) {
            ps.setLong(1, now.plus(lease).toEpochMilli());
            ps.setString(2, jobName);
            ps.setString(3, computer);
            return ps.executeUpdate();
        }
    }

    /**
     * Places every pack: returns how many were newly placed (packs this computer placed on the drive before count as
     * placed), or -1 when one is no longer this computer's for the drive (the caller rolls back).
     */
    static int place(Connection c, String jobName, String computer, String driveSerial, Collection<String> packs)
            throws SQLException {
        int placed = 0;
        try (PreparedStatement claimed = c.prepareStatement("UPDATE pack_leases SET state = '" + PLACED + "', "
                + "expires_millis = NULL WHERE job_name = ? AND pack = ? AND computer = ? AND drive_serial = ? AND state "
                + "= '" + CLAIMED + "'");
                PreparedStatement before = c.prepareStatement("SELECT COUNT(*) FROM pack_leases WHERE job_name = ? AND "
                        + "pack = ? AND computer = ? AND drive_serial = ? AND state = '" + PLACED + "'")) {
            for (String pack : new LinkedHashSet<>(packs)) {
                for (PreparedStatement ps : List.of(claimed, before)) {
                    ps.setString(1, jobName);
                    ps.setString(2, pack);
                    ps.setString(3, computer);
                    ps.setString(4, driveSerial);
                }
                if (claimed.executeUpdate() == 1) {
                    placed++;
                    continue;
                }
                try (ResultSet rs = before.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) != 1) {
                        return -1;
                    }
                }
            }
        }
        return placed;
    }

    static int release(Connection c, String jobName, String computer, Collection<String> packs) throws SQLException {
        int freed = 0;
        try (PreparedStatement ps = c.prepareStatement("UPDATE pack_leases SET state = '" + FREE + "', computer = NULL, "
                + "drive_serial = NULL, expires_millis = NULL WHERE job_name = ? AND pack = ? AND computer = ? AND state = '"
                + CLAIMED + "'")) {
            for (String pack : new LinkedHashSet<>(packs)) {
                ps.setString(1, jobName);
                ps.setString(2, pack);
                ps.setString(3, computer);
                freed += ps.executeUpdate();
            }
        }
        return freed;
    }

    static List<PackLease> list(Connection c, String jobName) throws SQLException {
        List<PackLease> leases = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT pack, state, computer, drive_serial, expires_millis "
                + "FROM pack_leases WHERE job_name = ? ORDER BY pack")) {
            ps.setString(1, jobName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long expires = rs.getLong(5);
                    boolean none = rs.wasNull();
                    leases.add(new PackLease(rs.getString(1), PackLease.State.valueOf(rs.getString(2).toUpperCase(
                            java.util.Locale.ROOT)), rs.getString(3), rs.getString(4),
                            none ? null : Instant.ofEpochMilli(expires)));
                }
            }
        }
        return leases;
    }

    private static int count(Connection c, String jobName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pack_leases WHERE job_name = ?")) {
            ps.setString(1, jobName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Whether the failure is a unique-key violation (SQLSTATE 23505 on H2 and PostgreSQL). */
    static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

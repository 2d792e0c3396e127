package org.seedbench.diskprep;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;

import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.core.rules.DriveRules;

/**
 * Which drive holds which pack. Every drive holds the metadata; the packs are spread by free space, the
 * largest first, each to the drive with the most room left, so drives fill evenly. Packs a drive already
 * holds (from an earlier run, by its journal) stay where they are; only the packs no drive holds yet are
 * placed, on the drives new to this run. What fits nowhere is the shortfall: how many more drives, of what
 * size, the seed needs.
 *
 * @param assigned       per new drive (serial), the packs it is to hold, by index into the listing's packs
 * @param unplaced       packs no drive holds or will hold
 * @param shortfallBytes room a further drive needs for the unplaced packs, their manifest entries and the
 *                       metadata; 0 when every pack is placed
 * @param drivesNeeded   how many more drives of at most 10 TB that takes
 */
public record Allocation(Map<String, BitSet> assigned, BitSet unplaced, long shortfallBytes, int drivesNeeded) {

    /** Room on a drive new to this run. */
    public record Space(String serial, long freeBytes, LongUnaryOperator storedSize) {
    }

    /** Bytes of file-system allocation a file may round up to. */
    static final long CLUSTER = 4096;
    /** Kept free on every drive for the manifest's own encryption overhead and the file system. */
    static final long RESERVE = 1L << 20;

    public boolean complete() {
        return unplaced.isEmpty();
    }

    /**
     * @param placed packs held by drives from earlier runs
     */
    public static Allocation allocate(SeedListing listing, String jobName, String container, BitSet placed,
            List<Space> newDrives) {
        List<SeedFile> packs = listing.packs();
        Map<String, BitSet> assigned = new LinkedHashMap<>();
        long[] room = new long[newDrives.size()];
        for (int d = 0; d < newDrives.size(); d++) {
            Space s = newDrives.get(d);
            assigned.put(s.serial(), new BitSet());
            room[d] = s.freeBytes() - metadataCost(listing, jobName, container, s.serial(), s.storedSize());
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < packs.size(); i++) {
            if (!placed.get(i)) {
                order.add(i);
            }
        }
        order.sort(Comparator.<Integer>comparingLong(i -> packs.get(i).length()).reversed()
                .thenComparing(Comparator.naturalOrder()));
        BitSet unplaced = new BitSet();
        long unplacedCost = 0;
        for (int i : order) {
            int best = -1;
            long bestCost = 0;
            long entry = manifestBytes(packs.get(i), jobName, container);
            for (int d = 0; d < newDrives.size(); d++) {
                long cost = clusters(newDrives.get(d).storedSize().applyAsLong(packs.get(i).length())) + entry;
                if (cost <= room[d] && (best < 0 || room[d] > room[best])) {
                    best = d;
                    bestCost = cost;
                }
            }
            if (best < 0) {
                unplaced.set(i);
                unplacedCost += cost(packs.get(i), jobName, container, LongUnaryOperator.identity());
            } else {
                room[best] -= bestCost;
                assigned.get(newDrives.get(best).serial()).set(i);
            }
        }
        if (unplaced.isEmpty()) {
            return new Allocation(assigned, unplaced, 0, 0);
        }
        long metadata = metadataCost(listing, jobName, container, "SERIAL-OF-A-NEW-DRIVE", LongUnaryOperator.identity());
        long perDrive = DriveRules.MAX_CAPACITY_BYTES - metadata;
        int needed = (int) Math.max(1, (unplacedCost + perDrive - 1) / perDrive);
        long each = metadata + (unplacedCost + needed - 1) / needed;
        return new Allocation(assigned, unplaced, each, needed);
    }

    /** What the metadata, the manifest's frame and the reserve take on every drive. */
    static long metadataCost(SeedListing listing, String jobName, String container, String serial,
            LongUnaryOperator storedSize) {
        long cost = RESERVE + DriveManifest.header(serial).length() + DriveManifest.footer().length();
        for (SeedFile f : listing.metadata()) {
            cost += cost(f, jobName, container, storedSize);
        }
        return cost;
    }

    /** What one file takes on a drive: its stored bytes, rounded up to a cluster, and its manifest entry. */
    static long cost(SeedFile f, String jobName, String container, LongUnaryOperator storedSize) {
        return clusters(storedSize.applyAsLong(f.length())) + manifestBytes(f, jobName, container);
    }

    private static long clusters(long stored) {
        return (stored + CLUSTER - 1) / CLUSTER * CLUSTER;
    }

    private static long manifestBytes(SeedFile f, String jobName, String container) {
        return DriveManifest.blobBytes(blobPath(container, jobName, f), f.drivePath(jobName), f.length());
    }

    static String blobPath(String container, String jobName, SeedFile f) {
        return container + "/" + f.drivePath(jobName);
    }
}

package org.seedbench.backup.internal.index;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The packs an index knows, numbered in the order they were first named: 32 bytes a pack (names are 64 hex
 * digits, the SHA-256 of the pack) in one array, found through an open-addressing table of numbers.
 */
final class PackNames {
    private static final HexFormat HEX = HexFormat.of();
    private byte[] names = new byte[32 * 64];
    private int[] table = new int[128];
    private int size;

    /** The pack's number, numbering it when it is new. */
    int number(String pack) {
        byte[] raw = raw(pack);
        int slot = slot(raw);
        if (table[slot] != 0) {
            return table[slot] - 1;
        }
        if (size == names.length / 32) {
            names = Arrays.copyOf(names, names.length * 2);
        }
        System.arraycopy(raw, 0, names, size * 32, 32);
        size++;
        table[slot] = size;
        if (size * 2 > table.length) {
            rehash();
        }
        return size - 1;
    }

    /** Whether the pack has a number. */
    boolean contains(String pack) {
        return table[slot(raw(pack))] != 0;
    }

    String name(int number) {
        return HEX.formatHex(names, number * 32, number * 32 + 32);
    }

    int size() {
        return size;
    }

    private static byte[] raw(String pack) {
        if (pack.length() != 64) {
            throw new IllegalArgumentException("a pack name is 64 hex digits: " + pack);
        }
        return HEX.parseHex(pack);
    }

    private int slot(byte[] raw) {
        int mask = table.length - 1;
        int i = hash(raw, 0) & mask;
        while (table[i] != 0 && !Arrays.equals(names, (table[i] - 1) * 32, table[i] * 32, raw, 0, 32)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int hash(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private void rehash() {
        table = new int[table.length * 2];
        int mask = table.length - 1;
        for (int n = 0; n < size; n++) {
            int i = hash(names, n * 32) & mask;
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = n + 1;
        }
    }
}

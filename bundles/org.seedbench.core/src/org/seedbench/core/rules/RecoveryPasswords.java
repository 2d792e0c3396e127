package org.seedbench.core.rules;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.seedbench.core.model.Secret;

/**
 * BitLocker's recovery password form, which the portable encryptor uses too: 48 digits in 8 groups of 6,
 * separated by hyphens; each group is a multiple of 11 below 720,896, and the 8 quotients (16 bits each) are
 * the 128-bit key. A typo is caught on entry because a mistyped group is rarely a multiple of 11.
 */
public final class RecoveryPasswords {
    public static final String FIELD = "recovery password";
    private static final String ALLOWED = "8 groups of 6 digits separated by hyphens, each group a multiple of 11 "
            + "below 720896, as BitLocker prints it";

    private RecoveryPasswords() {
    }

    /** A new random recovery password. */
    public static Secret generate(SecureRandom random) {
        char[] text = new char[8 * 7 - 1];
        int p = 0;
        for (int g = 0; g < 8; g++) {
            int value = random.nextInt(1 << 16) * 11;
            String digits = String.format("%06d", value);
            for (int i = 0; i < 6; i++) {
                text[p++] = digits.charAt(i);
            }
            if (g < 7) {
                text[p++] = '-';
            }
        }
        Secret s = new Secret(text);
        java.util.Arrays.fill(text, '\0');
        return s;
    }

    /** The problems with a recovery password as typed; empty when it is well formed. Never echoes the password. */
    public static List<Problem> check(char[] password) {
        List<Problem> problems = new ArrayList<>();
        int[] groups = parseGroups(password, problems);
        if (groups == null) {
            return problems;
        }
        for (int g = 0; g < 8; g++) {
            if (groups[g] % 11 != 0) {
                problems.add(new Problem(FIELD, null, "group " + (g + 1) + " is not a multiple of 11 (a typo?)",
                        ALLOWED));
            } else if (groups[g] / 11 >= 1 << 16) {
                problems.add(new Problem(FIELD, null, "group " + (g + 1) + " is too large", ALLOWED));
            }
        }
        return problems;
    }

    /**
     * The 16-byte key a well-formed recovery password stands for (the quotients, little-endian, as BitLocker
     * reads them). The caller clears the array.
     *
     * @throws InvalidInputException when the password is not well formed
     */
    public static byte[] toKey(char[] password) throws InvalidInputException {
        List<Problem> problems = check(password);
        InvalidInputException.throwIfAny(problems);
        int[] groups = parseGroups(password, new ArrayList<>());
        byte[] key = new byte[16];
        for (int g = 0; g < 8; g++) {
            int q = groups[g] / 11;
            key[2 * g] = (byte) q;
            key[2 * g + 1] = (byte) (q >>> 8);
        }
        java.util.Arrays.fill(groups, 0);
        return key;
    }

    private static int[] parseGroups(char[] password, List<Problem> problems) {
        int[] groups = new int[8];
        int g = 0;
        int digits = 0;
        int value = 0;
        for (char c : password) {
            if (c >= '0' && c <= '9') {
                if (digits == 6) {
                    problems.add(new Problem(FIELD, null, "a group has more than 6 digits", ALLOWED));
                    return null;
                }
                value = value * 10 + (c - '0');
                digits++;
            } else if (c == '-' || c == ' ') {
                if (g == 7) {
                    problems.add(new Problem(FIELD, null, "has more than 8 groups", ALLOWED));
                    return null;
                }
                if (digits != 6) {
                    problems.add(new Problem(FIELD, null, "group " + (g + 1) + " does not have 6 digits", ALLOWED));
                    return null;
                }
                groups[g++] = value;
                value = 0;
                digits = 0;
            } else {
                problems.add(new Problem(FIELD, null, "holds a character that is not a digit or a hyphen", ALLOWED));
                return null;
            }
        }
        if (digits != 6 || g != 7) {
            problems.add(new Problem(FIELD, null, "has " + (digits == 6 ? g + 1 : g) + " complete groups", ALLOWED));
            return null;
        }
        groups[7] = value;
        return groups;
    }
}

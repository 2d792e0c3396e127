package org.seedbench.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.RecoveryPasswords;

class RecoveryPasswordsTest {
    /** Groups 11, 22 … 88: quotients 1 … 8. */
    private static final String SMALL = "000011-000022-000033-000044-000055-000066-000077-000088";

    private static String text(Secret s) {
        return new String(s.reveal());
    }

    /** The password that stands for {@code key}, built the way BitLocker prints it. */
    private static String passwordOf(byte[] key) {
        StringBuilder b = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            int q = (key[2 * g] & 0xff) | (key[2 * g + 1] & 0xff) << 8;
            if (g > 0) {
                b.append('-');
            }
            b.append(String.format("%06d", q * 11));
        }
        return b.toString();
    }

    @Test
    void generatedPasswordsAreWellFormed() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 500; i++) {
            Secret password = RecoveryPasswords.generate(random);
            String s = text(password);
            assertTrue(s.matches("(\\d{6}-){7}\\d{6}"), "48 digits in 8 groups");
            assertEquals(List.of(), RecoveryPasswords.check(password.reveal()));
            assertEquals("******", password.toString());
        }
    }

    @Test
    void twoGeneratedPasswordsDiffer() {
        SecureRandom random = new SecureRandom();
        assertFalse(text(RecoveryPasswords.generate(random)).equals(text(RecoveryPasswords.generate(random))));
    }

    @ParameterizedTest(name = "{index}: {1}")
    @CsvSource(delimiter = '|', value = {
            "000011-000022-000034-000044-000055-000066-000077-000088 | group 3 is not a multiple of 11",
            "000011-000022-000033-000044-000055-000066-000077-720896 | group 8 is too large",
            "000011-000022-000033-000044-000055-000066-000077        | has 7 complete groups",
            "000011-000022-000033-000044-000055-000066-000077-000088-000099 | has more than 8 groups",
            "000011-000022-00003a-000044-000055-000066-000077-000088 | holds a character that is not a digit",
            "000011-000022-0000333-000044-000055-000066-000077-00008 | a group has more than 6 digits",
            "0011-000022-000033-000044-000055-000066-000077-000088   | group 1 does not have 6 digits",
    })
    void malformedPasswordsAreRefusedWithoutEchoingThem(String password, String problem) {
        List<Problem> problems = RecoveryPasswords.check(password.toCharArray());
        assertFalse(problems.isEmpty(), password + " is refused");
        assertTrue(problems.get(0).message().contains(problem), problems.get(0).message());
        for (Problem p : problems) {
            assertFalse(p.message().contains(password), "never echoes the password: " + p.message());
            assertFalse(p.message().contains("000022"), "never echoes a group: " + p.message());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RecoveryPasswords.toKey(password.toCharArray()));
        assertFalse(e.getMessage().contains(password));
    }

    @Test
    void theKeyIsTheQuotientsLittleEndian() throws Exception {
        assertArrayEquals(new byte[] {1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0},
                RecoveryPasswords.toKey(SMALL.toCharArray()));
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                RecoveryPasswords.toKey("720885-000000-000000-000000-000000-000000-000000-000000".toCharArray()));
    }

    @Test
    void spacesSeparateGroupsLikeHyphens() throws Exception {
        assertArrayEquals(RecoveryPasswords.toKey(SMALL.toCharArray()),
                RecoveryPasswords.toKey(SMALL.replace('-', ' ').toCharArray()));
    }

    @Test
    void everyKeyRoundTripsThroughItsPassword() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[16];
            random.nextBytes(key);
            String password = passwordOf(key);
            assertEquals(List.of(), RecoveryPasswords.check(password.toCharArray()), password);
            assertArrayEquals(key, RecoveryPasswords.toKey(password.toCharArray()));
        }
        Secret generated = RecoveryPasswords.generate(new SecureRandom());
        assertEquals(text(generated), passwordOf(RecoveryPasswords.toKey(generated.reveal())));
    }
}

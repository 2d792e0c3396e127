package org.seedbench.core.rules;

import java.util.List;

/** Thrown when input breaks a rule of the seeding workflow; carries every {@link Problem} found. */
public class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.isEmpty() ? "invalid input" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Throws when {@code problems} is not empty. */
    public static void throwIfAny(List<Problem> problems) throws InvalidInputException {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}

package org.seedbench.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadKind;

/**
 * The input rules of "initiate offline backup" and of the workloads, as the import service and Azure
 * Backup state them. Each check returns the {@link Problem}s it finds, empty when the input is good.
 */
public final class SeedRules {
    /** Field names, as the CLI's options and the wizard's labels name them. */
    public static final String NAME = "import job name";
    public static final String STAGING = "staging location";
    public static final String STORAGE_ACCOUNT = "storage account";
    public static final String CONTAINER = "container";
    public static final String SUBSCRIPTION = "subscription id";
    public static final String LOCATION = "location";
    public static final String PASSPHRASE = "passphrase";
    public static final String WORKLOAD = "workload";

    /** Azure Backup's minimum length of the backup passphrase. */
    public static final int MIN_PASSPHRASE_LENGTH = 16;

    /** What the service says when a system state backup is offered for offline seeding. */
    public static final String SYSTEM_STATE_REFUSED =
            "system state backups can't be seeded offline; back up system state over the network after the seed";

    private static final Pattern STORAGE_ACCOUNT_RE = Pattern.compile("[a-z0-9]{3,24}");
    private static final Pattern GUID_RE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern JOB_NAME_RE = Pattern.compile("[A-Za-z][A-Za-z0-9-]{2,23}");
    private static final Pattern LOCATION_RE = Pattern.compile("[a-z][a-z0-9]{1,39}");

    private SeedRules() {
    }

    /** Every input of "initiate offline backup", in the order the screen shows them. */
    public static List<Problem> checkJob(SeedingJob job) {
        List<Problem> problems = new ArrayList<>();
        problems.addAll(checkStagingLocation(job.stagingLocation()));
        problems.addAll(checkStorageAccount(job.storageAccount()));
        problems.addAll(checkContainer(job.container()));
        problems.addAll(checkSubscriptionId(job.subscriptionId()));
        problems.addAll(checkImportJobName(job.name()));
        problems.addAll(checkLocation(job.location()));
        return problems;
    }

    public static List<Problem> checkStagingLocation(String value) {
        if (isBlank(value)) {
            return missing(STAGING, "a local folder, a mounted share or a UNC path");
        }
        if (hasControlCharacter(value)) {
            return List.of(new Problem(STAGING, value, "holds a control character (a newline, a tab…)",
                    "a local folder, a mounted share or a UNC path"));
        }
        return List.of();
    }

    /**
     * Whether the text holds a control character (a newline, a tab, an escape…), which no name or path typed
     * for a job may: it would be printed raw into output and logs.
     *
     * @since 1.2
     */
    public static boolean hasControlCharacter(String text) {
        return text != null && text.codePoints().anyMatch(Character::isISOControl);
    }

    public static List<Problem> checkStorageAccount(String value) {
        if (isBlank(value)) {
            return missing(STORAGE_ACCOUNT, "3–24 lowercase letters and digits");
        }
        if (!STORAGE_ACCOUNT_RE.matcher(value).matches()) {
            String what = value.length() < 3 || value.length() > 24
                    ? "is " + value.length() + " characters long"
                    : "has characters other than lowercase letters and digits";
            return List.of(new Problem(STORAGE_ACCOUNT, value, what, "3–24 lowercase letters and digits"));
        }
        return List.of();
    }

    public static List<Problem> checkContainer(String value) {
        String allowed = "3–63 characters: lowercase letters, digits and single hyphens, "
                + "starting and ending with a letter or digit";
        if (isBlank(value)) {
            return missing(CONTAINER, allowed);
        }
        String what = null;
        if (value.length() < 3 || value.length() > 63) {
            what = "is " + value.length() + " characters long";
        } else if (!value.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            what = "has characters other than lowercase letters, digits and hyphens";
        } else if (value.startsWith("-")) {
            what = "starts with a hyphen";
        } else if (value.endsWith("-")) {
            what = "ends with a hyphen";
        } else if (value.contains("--")) {
            what = "has two hyphens in a row";
        }
        return what == null ? List.of() : List.of(new Problem(CONTAINER, value, what, allowed));
    }

    public static List<Problem> checkSubscriptionId(String value) {
        String allowed = "a GUID such as 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
        if (isBlank(value)) {
            return missing(SUBSCRIPTION, allowed);
        }
        if (!GUID_RE.matcher(value).matches()) {
            return List.of(new Problem(SUBSCRIPTION, value, "is not a GUID", allowed));
        }
        return List.of();
    }

    public static List<Problem> checkImportJobName(String value) {
        String allowed = "3–24 letters, digits and hyphens, starting with a letter";
        if (isBlank(value)) {
            return missing(NAME, allowed);
        }
        if (!JOB_NAME_RE.matcher(value).matches()) {
            String what;
            if (hasControlCharacter(value)) {
                what = "holds a control character (a newline, a tab…)";
            } else if (value.length() < 3 || value.length() > 24) {
                what = "is " + value.length() + " characters long";
            } else if (!isAsciiLetter(value.charAt(0))) {
                what = "does not start with a letter";
            } else {
                what = "has characters other than letters, digits and hyphens";
            }
            return List.of(new Problem(NAME, value, what, allowed));
        }
        return List.of();
    }

    public static List<Problem> checkLocation(String value) {
        String allowed = "an Azure region name such as westeurope or eastus2";
        if (isBlank(value)) {
            return missing(LOCATION, allowed);
        }
        if (!LOCATION_RE.matcher(value).matches()) {
            return List.of(new Problem(LOCATION, value, "is not a region name", allowed));
        }
        return List.of();
    }

    /** The backup passphrase; its value is never echoed back. */
    public static List<Problem> checkPassphrase(char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            return List.of(new Problem(PASSPHRASE, null, "is missing",
                    "at least " + MIN_PASSPHRASE_LENGTH + " characters"));
        }
        if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
            return List.of(new Problem(PASSPHRASE, null, "has " + passphrase.length + " characters",
                    "at least " + MIN_PASSPHRASE_LENGTH + " characters"));
        }
        return List.of();
    }

    /** System state cannot be seeded offline. */
    public static List<Problem> checkWorkloadKind(String workload, WorkloadKind kind) {
        if (kind == WorkloadKind.SYSTEM_STATE) {
            return List.of(new Problem(WORKLOAD, workload, SYSTEM_STATE_REFUSED, null));
        }
        return List.of();
    }

    private static List<Problem> missing(String field, String allowed) {
        return List.of(new Problem(field, null, "is missing", allowed));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

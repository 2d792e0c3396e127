package org.seedbench.workflow;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

/**
 * Where a job's alerts go: a webhook, a command or both, for every job (the default) or for one job, which then
 * replaces the default (or turns alerts off for that job). Kept in {@code <data>/alerts.properties}, 0600 and
 * written whole: a webhook's URL may hold a token, so it never reaches the catalog, the output or a log; what is
 * shown is {@link #mask masked}.
 *
 * @param webhook the URL alerts are posted to; null for none
 * @param command the command alerts run (through the system's shell); null for none
 * @param off     whether alerts are off (for one job, whatever the default says)
 */
public record AlertSettings(String webhook, String command, boolean off) {
    /** The file under the data directory. */
    public static final String FILE = "alerts.properties";
    /** No alerts. */
    public static final AlertSettings NONE = new AlertSettings(null, null, false);

    private static final String WEBHOOK = "webhook";
    private static final String COMMAND = "command";
    private static final String OFF = "off";
    private static final String JOB_PREFIX = "job.";

    /** Whether alerts go anywhere. */
    public boolean any() {
        return !off && (webhook != null || command != null);
    }

    /** Where alerts go, for people: the webhook masked, the command as given. */
    public List<String> describe() {
        List<String> targets = new ArrayList<>();
        if (off) {
            targets.add("off");
            return targets;
        }
        if (webhook != null) {
            targets.add("webhook " + mask(webhook));
        }
        if (command != null) {
            targets.add("command " + command);
        }
        return targets;
    }

    /** {@link #describe} on one line; "none" when alerts go nowhere. */
    public String summary() {
        List<String> d = describe();
        return d.isEmpty() ? "none" : String.join(", ", d);
    }

    /**
     * A webhook's URL as it may be shown: its scheme, host and port; its path, query, user and fragment (where
     * tokens live: Slack and Teams keep theirs in the path) become "…".
     */
    public static String mask(String url) {
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return "(a webhook URL)";
            }
            String shown = u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
            boolean hidden = (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))
                    || u.getRawQuery() != null || u.getRawUserInfo() != null || u.getRawFragment() != null;
            return hidden ? shown + "/…" : shown;
        } catch (URISyntaxException e) {
            return "(a webhook URL)";
        }
    }

    /**
     * Checks a webhook URL: absolute http or https with a host.
     *
     * @throws InvalidInputException naming it masked
     */
    public static URI checkWebhook(String url) throws InvalidInputException {
        String reason;
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return u;
            }
            reason = "is not an http or https URL with a host";
        } catch (URISyntaxException e) {
            reason = "is not a URL";
        }
        throw new InvalidInputException(new Problem("webhook", mask(url), reason,
                "the URL to post alerts to, e.g. https://hooks.example.com/services/…"));
    }

    /** The settings that apply to the job: its own when it has any (or off), else the default. */
    public static AlertSettings forJob(Path dataDirectory, String jobName) throws IOException {
        Map<String, String> all = ConnectorSettingsFile.read(file(dataDirectory));
        AlertSettings own = scope(all, JOB_PREFIX + jobName + ".");
        return own.off || own.webhook != null || own.command != null ? own : scope(all, "");
    }

    /** The default settings (for every job without its own) and each job's own, by job name. */
    public static Map<String, AlertSettings> all(Path dataDirectory) throws IOException {
        Map<String, String> all = ConnectorSettingsFile.read(file(dataDirectory));
        Map<String, AlertSettings> scopes = new LinkedHashMap<>();
        scopes.put(null, scope(all, ""));
        TreeSet<String> jobs = new TreeSet<>();
        for (String key : all.keySet()) {
            if (key.startsWith(JOB_PREFIX) && key.lastIndexOf('.') > JOB_PREFIX.length()) {
                jobs.add(key.substring(JOB_PREFIX.length(), key.lastIndexOf('.')));
            }
        }
        jobs.forEach(j -> scopes.put(j, scope(all, JOB_PREFIX + j + ".")));
        return scopes;
    }

    /**
     * Replaces the settings of a job (or, for a null job, the default) by these; {@link #NONE} removes them (the job
     * then follows the default).
     */
    public static void put(Path dataDirectory, String jobName, AlertSettings settings) throws IOException {
        if (jobName != null && !jobName.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("not a job name: " + jobName);
        }
        String prefix = jobName == null ? "" : JOB_PREFIX + jobName + ".";
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put(prefix + WEBHOOK, settings.webhook);
        changes.put(prefix + COMMAND, settings.command);
        changes.put(prefix + OFF, settings.off ? "true" : null);
        ConnectorSettingsFile.update(file(dataDirectory), changes, "Seedbench alerts: where each job's alerts go");
    }

    private static AlertSettings scope(Map<String, String> all, String prefix) {
        return new AlertSettings(all.get(prefix + WEBHOOK), all.get(prefix + COMMAND),
                Boolean.parseBoolean(all.get(prefix + OFF)));
    }

    private static Path file(Path dataDirectory) {
        return dataDirectory.resolve(FILE);
    }

    @Override
    public String toString() {
        return "AlertSettings[" + summary() + "]";
    }
}

package org.seedbench.cloud.local.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.seedbench.core.support.files.DurableFiles;

/**
 * The import jobs of the local cloud: {@code <folder>/importexport/<subscription>/<job>.json}, each written
 * whole (temp file, fsync, rename) and 0600, and {@code <job>.lock}, which whoever changes the job holds
 * (several processes may poll one job).
 */
public final class JobStore {
    private static final String SUFFIX = ".json";
    private final Path root;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public JobStore(Path root) {
        this.root = root;
    }

    public Path file(String subscription, String job) {
        return root.resolve(subscription).resolve(job + SUFFIX);
    }

    public Path lockFile(String subscription, String job) {
        return root.resolve(subscription).resolve(job + ".lock");
    }

    public Optional<JobRecord> read(String subscription, String job) throws IOException {
        try {
            return Optional.of(json.readValue(file(subscription, job).toFile(), JobRecord.class));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            // not the parser's message: it may quote the file, which holds key protectors
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new IOException("the local cloud's record of job " + job + " (" + file(subscription, job)
                    + ") is damaged" + (line > 0 ? " at line " + line : ""));
        }
    }

    /** The names of the subscription's jobs, sorted. */
    public List<String> names(String subscription) throws IOException {
        Path folder = root.resolve(subscription);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX) && !n.startsWith("."))
                    .forEach(n -> names.add(n.substring(0, n.length() - SUFFIX.length())));
        }
        names.sort(null);
        return names;
    }

    public void write(JobRecord job) throws IOException {
        DurableFiles.write(file(job.subscription, job.name), json.writeValueAsBytes(job), true);
    }
}

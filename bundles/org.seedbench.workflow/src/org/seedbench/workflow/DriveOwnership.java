package org.seedbench.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.diskprep.DriveInfoFile;
import org.seedbench.diskprep.drives.AttachedDrive;

/**
 * Whose seed a drive carries, before anything is formatted or written: a drive that holds another job's seed (by
 * its volume header, its serial in the catalog, or a DriveInfo file of this computer) is refused, whatever
 * {@code --yes-format} says, unless that job is CleanedUp or Cancelled and the admin named it with
 * {@code --reuse-drive-of}. A drive folder inside (or around) a staging location, a job's source or the data
 * directory is refused too: formatting it would erase them, and copying into it would stage the seed into itself.
 */
final class DriveOwnership {
    /** Job property of the job a drive was taken from: {@code drive.reusedBy.<serial>} = the job that took it. */
    static final String PROP_REUSED_BY = "drive.reusedBy.";
    static final String REUSE_OPTION = "reuse-drive-of";

    /** A drive of a CleanedUp or Cancelled job that the admin allowed to be prepared for this job. */
    record Reuse(String serial, String fromJob, JobState fromState) {
    }

    /** The refusals, and the reuses to record once every check has passed. */
    record Verdict(List<Problem> problems, List<Reuse> reuses) {
    }

    private DriveOwnership() {
    }

    /**
     * Checks the drives about to be prepared for {@code jobName}.
     *
     * @param reuseDriveOf the jobs named with {@code --reuse-drive-of}
     */
    static Verdict check(Catalog catalog, Workspace workspace, String jobName, List<AttachedDrive> drives,
            List<DiskEncryptor> encryptors, Set<String> reuseDriveOf) throws IOException {
        List<Problem> problems = new ArrayList<>();
        List<Reuse> reuses = new ArrayList<>();
        Set<String> named = new TreeSet<>(); // the jobs whose seed a drive given carries
        List<SeedingJob> jobs = catalog.jobs();
        for (AttachedDrive d : drives) {
            Problem placement = placement(d, jobs, workspace);
            if (placement != null) {
                problems.add(placement);
                continue;
            }
            for (String owner : owners(catalog, workspace, jobName, d, encryptors)) {
                named.add(owner);
                Optional<SeedingJob> other = catalog.job(owner);
                if (other.isEmpty()) {
                    problems.add(new Problem("drive", d.serial(), "holds the seed of job " + owner
                            + ", which is not in this catalog", "a drive that holds no other job's seed; a drive "
                                    + "of another job is never formatted"));
                    continue;
                }
                JobState state = other.get().state();
                boolean reusable = state == JobState.CLEANED_UP || state == JobState.CANCELLED;
                if (reusable && reuseDriveOf.contains(owner)) {
                    reuses.add(new Reuse(d.serial(), owner, state));
                } else if (reusable) {
                    problems.add(new Problem("drive", d.serial(), "holds the seed of job " + owner + " ("
                            + state.label() + ")", "--" + REUSE_OPTION + " " + owner + " to prepare it for " + jobName
                                    + ", recorded in both jobs' events"));
                } else {
                    problems.add(new Problem("drive", d.serial(), "holds the seed of job " + owner + " ("
                            + state.label() + ")", "a drive of no other job; another job's drive is never formatted, "
                                    + "even with --yes-format"));
                }
            }
        }
        for (String job : reuseDriveOf) {
            if (!named.contains(job)) {
                problems.add(new Problem(REUSE_OPTION, job, "no drive given holds the seed of job " + job,
                        "the job of a drive given with --drive, when that job is CleanedUp or Cancelled"));
            }
        }
        return new Verdict(List.copyOf(problems), List.copyOf(reuses));
    }

    /** Records each reuse in both jobs' events and releases the drive from the job it came from. */
    static void record(Catalog catalog, String jobName, List<Reuse> reuses) {
        for (Reuse r : reuses) {
            catalog.putJobProperties(r.fromJob(), Map.of(PROP_REUSED_BY + r.serial(), jobName));
            catalog.recordEvent(r.fromJob(), "drive.released", "drive " + r.serial() + " reused by job " + jobName
                    + " (--" + REUSE_OPTION + " " + r.fromJob() + ")");
            catalog.recordEvent(jobName, "drive.reused", "drive " + r.serial() + " of job " + r.fromJob() + " ("
                    + r.fromState().label() + ") reused (--" + REUSE_OPTION + " " + r.fromJob() + ")");
        }
    }

    /** The other jobs whose seed the drive carries and which have not released it. */
    private static Set<String> owners(Catalog catalog, Workspace workspace, String jobName, AttachedDrive d,
            List<DiskEncryptor> encryptors) throws IOException {
        Set<String> owners = new TreeSet<>();
        if (d.serial() != null) {
            for (Drive x : catalog.allDrives()) {
                if (x.serial().equals(d.serial())) {
                    owners.add(x.jobName());
                }
            }
            Path drives = workspace.dataDirectory().resolve("drives");
            if (Files.isDirectory(drives)) {
                try (Stream<Path> folders = Files.list(drives)) {
                    for (Path folder : folders.toList()) {
                        String job = folder.getFileName().toString();
                        if (Files.exists(DriveInfoFile.path(folder, job, d.serial()))) {
                            owners.add(job);
                        }
                    }
                }
            }
        }
        if (d.mountPoint() != null && Files.isDirectory(d.mountPoint())) {
            for (DiskEncryptor e : encryptors) {
                owners.addAll(e.seedsOn(d.target()));
            }
        }
        owners.remove(jobName);
        owners.removeIf(job -> catalog.job(job).isPresent()
                && catalog.jobProperties(job).containsKey(PROP_REUSED_BY + d.serial()));
        return owners;
    }

    /** A drive folder inside or around a staging location or a source, or around the data directory: why refused. */
    private static Problem placement(AttachedDrive d, List<SeedingJob> jobs, Workspace workspace) {
        if (d.mountPoint() == null) {
            return null;
        }
        Path drive = real(d.mountPoint());
        if (real(workspace.dataDirectory()).startsWith(drive)) {
            return new Problem("drive", d.serial(), "folder " + d.mountPoint() + " holds the data directory ("
                    + workspace.dataDirectory() + ")", "a drive folder apart from staging locations, sources and the data directory");
        }
        List<String[]> places = new ArrayList<>();
        for (SeedingJob j : jobs) {
            places.add(new String[] { j.stagingLocation(), "the staging location of job " + j.name() });
            for (WorkloadSpec w : j.workloads()) {
                places.add(new String[] { w.target(), "a source of job " + j.name() });
            }
        }
        for (String[] place : places) {
            Path p;
            try {
                p = Path.of(place[0]);
            } catch (InvalidPathException | NullPointerException e) {
                continue;
            }
            if (!p.isAbsolute()) {
                continue;
            }
            p = real(p);
            if (drive.startsWith(p) || p.startsWith(drive)) {
                return new Problem("drive", d.serial(), "folder " + d.mountPoint() + (drive.startsWith(p) ? " is inside "
                        : " holds ") + place[1] + " (" + place[0] + ")", "a drive folder apart from staging locations, "
                                + "sources and the data directory");
            }
        }
        return null;
    }

    /** The path with its existing part resolved (symbolic links, {@code ..}), the rest appended. */
    private static Path real(Path path) {
        Path p = path.toAbsolutePath().normalize();
        Path rest = p.getFileSystem().getPath("");
        while (p != null) {
            try {
                return p.toRealPath().resolve(rest);
            } catch (IOException e) {
                rest = p.getFileName() == null ? rest : p.getFileName().resolve(rest);
                p = p.getParent();
            }
        }
        return path.toAbsolutePath().normalize();
    }
}

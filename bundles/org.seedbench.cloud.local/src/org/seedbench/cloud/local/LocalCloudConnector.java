package org.seedbench.cloud.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.seedbench.cloud.local.internal.Requests;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ConnectorSettings;
import org.seedbench.core.spi.DiskEncryptor;
import org.seedbench.core.spi.ImportJobRequest;

/**
 * The embedded {@code local} cloud: storage accounts as folders, import jobs as files, and a datacenter
 * simulator that "receives" the shipped drives from where they are attached to this computer, unlocks them with
 * their key protectors, checks the manifests and every block, writes the blobs into the import container and
 * the drive logs into {@code waimportexport}, as the Import/Export service does.
 *
 * <p>Everything lives under {@code <dataDirectory>/cloud} (or the {@value #FOLDER} setting):
 * {@code accounts/<account>/<container>/<blob>}, {@code importexport/<subscription>/<job>.json} and the
 * service clock. The simulator runs lazily: whenever a job is read, it is moved along by its clock, and the
 * datacenter copy runs within that read. A job runs on the real clock, except a rehearsal job (created with the
 * {@link ImportJobRequest#REHEARSAL_DAYS_PER_SECOND} option), whose own clock runs compressed from its creation
 * on: no other job's dates move.
 *
 * <p>Sign-in settings: the data directory or {@value #FOLDER}; the settings' dock, where the datacenter finds the
 * shipped drives; and, by {@link #signIn(ConnectorSettings, CloudSession)}, another session whose containers hold
 * the storage account's blobs instead of the local folder (e.g. Azure Blob storage on Azurite). The former
 * {@value #SECONDS_PER_DAY}, a compressed clock for every job of the cloud, is refused: a rehearsal is a job of
 * its own ({@code seedbench init --rehearsal}). Each sign-in gives a {@link LocalSession} of its own; the
 * component keeps none.
 *
 * <p>A request that breaks a rule fails with an {@link IOException} whose message is the first problem and
 * whose cause is an {@link org.seedbench.core.rules.InvalidInputException} carrying all of them.
 */
@Component(service = CloudConnector.class)
public class LocalCloudConnector implements CloudConnector {
    public static final String ID = "local";
    /** What the data directory is called in messages. */
    static final String DATA_DIRECTORY = "dataDirectory";
    public static final String FOLDER = "folder";
    /** A setting of earlier versions (a compressed clock for the whole cloud), refused with what replaces it. */
    public static final String SECONDS_PER_DAY = "secondsPerDay";
    /** What the import storage is called in messages. */
    static final String IMPORT_STORAGE = "importStorage";
    /** The container the drive logs are written to, as the service does. */
    public static final String LOG_CONTAINER = "waimportexport";
    /** The scheme of log locations: {@code local://<account>/waimportexport/<blob>}. */
    public static final String LOG_SCHEME = "local";

    /** The registered encryptors (Declarative Services keeps the list); nothing of a sign-in is kept here. */
    private final List<DiskEncryptor> encryptors = new CopyOnWriteArrayList<>();
    private final Clock real;

    /** For Declarative Services: the encryptors come as references. */
    public LocalCloudConnector() {
        this.real = Clock.systemUTC();
    }

    /** A connector made by hand, unlocking drives with the given encryptors. */
    public LocalCloudConnector(List<DiskEncryptor> encryptors) {
        this(encryptors, Clock.systemUTC());
    }

    /** A connector made by hand whose service clock follows {@code real} (tests of a rehearsal's clock). */
    public LocalCloudConnector(List<DiskEncryptor> encryptors, Clock real) {
        this.encryptors.addAll(encryptors);
        this.real = real;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    protected void addEncryptor(DiskEncryptor encryptor) {
        encryptors.add(encryptor);
    }

    protected void removeEncryptor(DiskEncryptor encryptor) {
        encryptors.remove(encryptor);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Local cloud (embedded, with a datacenter simulator)";
    }

    @Override
    public LocalSession signIn(ConnectorSettings settings) throws IOException {
        return signIn(settings, null);
    }

    /**
     * Signs in with the blobs of the storage account kept in another connector's session instead of the cloud's
     * folder (e.g. Azure Blob storage on Azurite, for a rehearsal of the Azure connector).
     *
     * @param importStorage the session whose containers hold the storage account's blobs; null for the folder
     */
    public LocalSession signIn(ConnectorSettings settings, CloudSession importStorage) throws IOException {
        Path folder = folder(settings);
        if (settings.has(SECONDS_PER_DAY)) {
            throw Requests.invalid(new Problem(SECONDS_PER_DAY, null, "is no longer a setting of the local cloud: a "
                    + "compressed clock belongs to a rehearsal job, never to every job", "remove it from the local "
                    + "connector's settings (<data>/connectors/local.properties) and make a rehearsal with "
                    + "seedbench init --rehearsal [--days-per-second N]"));
        }
        if (importStorage instanceof LocalSession other && other.folder().equals(folder)) {
            throw Requests.invalid(new Problem(IMPORT_STORAGE, null, "is this cloud itself",
                    "another cloud's session whose containers hold the imported blobs"));
        }
        return new LocalSession(folder, real, encryptors, importStorage, settings.dock());
    }

    private static Path folder(ConnectorSettings settings) throws IOException {
        String folder = settings.text(FOLDER);
        if (folder != null) {
            try {
                return Path.of(folder).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw Requests.invalid(new Problem(FOLDER, folder, "is not a path", "a folder on this computer"));
            }
        }
        return settings.dataDirectory().orElseThrow(() -> Requests.invalid(new Problem(DATA_DIRECTORY, null,
                "is missing", "Seedbench's data directory (the cloud lives in its 'cloud' folder) or a '" + FOLDER
                        + "'"))).resolve("cloud");
    }

    @Override
    public String toString() {
        return "LocalCloudConnector";
    }
}

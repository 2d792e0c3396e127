package org.seedbench.backup.internal.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Component;
import org.seedbench.backup.BackupEngine;
import org.seedbench.backup.BackupResult;
import org.seedbench.backup.ForgetResult;
import org.seedbench.backup.PruneResult;
import org.seedbench.backup.RetentionPolicy;
import org.seedbench.backup.Repository;
import org.seedbench.backup.RepositoryException;
import org.seedbench.backup.RepositoryLayout;
import org.seedbench.backup.RepositoryOptions;
import org.seedbench.backup.RestoreResult;
import org.seedbench.backup.SnapshotEntry;
import org.seedbench.backup.SnapshotInfo;
import org.seedbench.backup.VerifyReport;
import org.seedbench.backup.WorkloadRun;
import org.seedbench.backup.WrongPassphraseException;
import org.seedbench.backup.internal.archiver.BackupRun;
import org.seedbench.backup.internal.checker.Verifier;
import org.seedbench.backup.internal.crypto.BlobCodec;
import org.seedbench.backup.internal.crypto.KeyFile;
import org.seedbench.backup.internal.crypto.MasterKeys;
import org.seedbench.backup.internal.crypto.Sha256;
import org.seedbench.backup.internal.index.ChunkIndex;
import org.seedbench.backup.internal.prune.KeepPolicy;
import org.seedbench.backup.internal.prune.Pruner;
import org.seedbench.backup.internal.repository.OpenRepository;
import org.seedbench.backup.internal.repository.RepositoryConfig;
import org.seedbench.backup.internal.restorer.Restorer;
import org.seedbench.backup.internal.snapshot.Documents;
import org.seedbench.backup.internal.snapshot.SnapshotRecord;
import org.seedbench.backup.internal.snapshot.TreeEntry;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.spi.Progress;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The backup engine, registered as the {@link BackupEngine} service. */
@Component(service = BackupEngine.class)
public class DefaultBackupEngine implements BackupEngine {
    private final SecureRandom random = new SecureRandom();

    /** Made on first use, not with the service: a command line that opens no repository loads no Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Override
    public Repository init(ObjectStore storage, Secret passphrase) throws IOException, InvalidInputException {
        return init(storage, passphrase, RepositoryOptions.defaults());
    }

    @Override
    public Repository init(ObjectStore storage, Secret passphrase, RepositoryOptions options)
            throws IOException, InvalidInputException {
        Objects.requireNonNull(options, "options");
        char[] pass = passphrase == null ? new char[0] : passphrase.reveal();
        try {
            InvalidInputException.throwIfAny(SeedRules.checkPassphrase(pass));
            if (storage.exists(RepositoryConfig.NAME)) {
                throw new RepositoryException("a repository already exists at " + storage.location());
            }
            for (String folder : List.of(RepositoryLayout.DATA_PACKS, RepositoryLayout.TREE_PACKS,
                    RepositoryLayout.INDEX, RepositoryLayout.SNAPSHOTS)) {
                if (!storage.list(folder + "/").isEmpty()) {
                    throw new RepositoryException(storage.location() + " holds " + folder + " of a repository whose "
                            + "config file is missing; restore the config file or choose an empty location");
                }
            }
            // key files without a config and without data are what an interrupted init left
            for (String orphan : storage.list(KeyFile.FOLDER + "/")) {
                storage.delete(orphan);
            }
            byte[] idBytes = new byte[32];
            random.nextBytes(idBytes);
            RepositoryConfig config = new RepositoryConfig(HexFormat.of().formatHex(idBytes), options);
            byte[] configFile = config.toJson(Json.MAPPER);
            MasterKeys keys = MasterKeys.generate(random);
            byte[] keyFile = KeyFile.create(Json.MAPPER, keys, config.id(), Sha256.hex(configFile), pass,
                    options.scryptLogN(), random);
            storage.put(KeyFile.objectName(keyFile), keyFile);
            storage.put(RepositoryConfig.NAME, configFile);
            return new OpenRepository(storage, config, keys, new Documents(Json.MAPPER));
        } finally {
            Arrays.fill(pass, '\0');
        }
    }

    /**
     * Opens the repository with the first key file the passphrase unwraps. A config file or key file whose bytes
     * do not match the SHA-256 recorded for them is damage, said as such and naming the file, never taken for a
     * wrong passphrase.
     */
    @Override
    public Repository open(ObjectStore storage, Secret passphrase) throws IOException, WrongPassphraseException {
        byte[] configFile = readConfigFile(storage);
        RepositoryConfig config = RepositoryConfig.parse(Json.MAPPER, configFile, storage.location());
        String configSha256 = Sha256.hex(configFile);
        List<String> keyFiles = storage.list(KeyFile.FOLDER + "/");
        if (keyFiles.isEmpty()) {
            throw new RepositoryException("the repository at " + storage.location()
                    + " has no key file: it cannot be opened");
        }
        List<String> damaged = new ArrayList<>();
        char[] pass = passphrase == null ? new char[0] : passphrase.reveal();
        try {
            for (String name : keyFiles) {
                byte[] content = storage.get(name);
                String damage = KeyFile.damage(Json.MAPPER, name, OpenRepository.where(storage, name), content,
                        configSha256, RepositoryConfig.file(storage.location()));
                if (damage != null) {
                    if (damage.startsWith("the config file")) {
                        throw new RepositoryException(damage);
                    }
                    damaged.add(damage);
                    continue;
                }
                MasterKeys keys = KeyFile.open(Json.MAPPER, OpenRepository.where(storage, name), content, config.id(),
                        pass);
                if (keys != null) {
                    return new OpenRepository(storage, config, keys, new Documents(Json.MAPPER));
                }
            }
        } finally {
            Arrays.fill(pass, '\0');
        }
        if (!damaged.isEmpty()) {
            throw new RepositoryException(damaged.get(0) + (keyFiles.size() > damaged.size()
                    ? "; the passphrase opens none of the other key files" : "; the repository cannot be opened"));
        }
        throw new WrongPassphraseException();
    }

    private byte[] readConfigFile(ObjectStore storage) throws IOException {
        if (!storage.exists(RepositoryConfig.NAME)) {
            throw new RepositoryException(storage.location() + " holds no Seedbench repository (no config file)");
        }
        return storage.get(RepositoryConfig.NAME);
    }

    @Override
    public boolean isRepository(ObjectStore storage) throws IOException {
        return storage.exists(RepositoryConfig.NAME);
    }

    @Override
    public BackupResult backup(Repository repository, List<WorkloadRun> workloads, Progress progress,
            Consumer<String> warnings) throws IOException {
        return backup(repository, workloads, -1, progress, warnings);
    }

    @Override
    public BackupResult backup(Repository repository, List<WorkloadRun> workloads, long expectedBytes,
            Progress progress, Consumer<String> warnings) throws IOException {
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("a backup needs at least one workload");
        }
        return new BackupRun(OpenRepository.of(repository), progress, warnings == null ? w -> {
        } : warnings).run(List.copyOf(workloads), expectedBytes);
    }

    @Override
    public List<SnapshotInfo> snapshots(Repository repository) throws IOException {
        OpenRepository repo = OpenRepository.of(repository);
        List<SnapshotInfo> list = new ArrayList<>();
        try (BlobCodec codec = repo.newCodec()) {
            for (String id : repo.snapshotIds()) {
                SnapshotRecord s = repo.readSnapshot(id, codec);
                list.add(new SnapshotInfo(id, s.time(), s.host(), s.workload(), s.statistics(), s.warnings()));
            }
        }
        list.sort(Comparator.comparing(SnapshotInfo::time).thenComparing(SnapshotInfo::id));
        return list;
    }

    @Override
    public VerifyReport verify(Repository repository, boolean readData, Progress progress) throws IOException {
        return new Verifier(OpenRepository.of(repository), progress).verify(readData);
    }

    @Override
    public List<SnapshotEntry> list(Repository repository, String snapshot) throws IOException, InvalidInputException {
        OpenRepository repo = OpenRepository.of(repository);
        try (BlobCodec codec = repo.newCodec()) {
            SnapshotRecord record = repo.readSnapshot(repo.resolveSnapshot(snapshot, codec), codec);
            try (ChunkIndex index = repo.loadIndex(codec, warning -> {
            }, () -> {
            }).index()) {
                List<SnapshotEntry> entries = new ArrayList<>();
                for (TreeEntry e : repo.readTree(record, index, codec)) {
                    entries.add(new SnapshotEntry(e.path(), e.type(), e.size(), e.modified(), e.attributes()));
                }
                return entries;
            }
        }
    }

    @Override
    public RestoreResult restore(Repository repository, String snapshot, Path target, List<String> includeGlobs,
            boolean overwrite, Progress progress) throws IOException, InvalidInputException {
        return new Restorer(OpenRepository.of(repository), progress).restore(snapshot, target,
                includeGlobs == null ? List.of() : includeGlobs, overwrite);
    }

    @Override
    public ForgetResult forget(Repository repository, RetentionPolicy policy, ZoneId zone, boolean dryRun)
            throws IOException {
        if (policy.isEmpty()) {
            throw new IllegalArgumentException("a retention policy keeps at least one snapshot: give a --keep option");
        }
        OpenRepository repo = OpenRepository.of(repository);
        KeepPolicy.Decision decision = KeepPolicy.apply(policy, snapshots(repository), zone);
        if (!dryRun) {
            for (SnapshotInfo s : decision.removed()) {
                repo.storage().delete(OpenRepository.SNAPSHOTS + "/" + s.id());
            }
        }
        return new ForgetResult(decision.kept(), decision.removed(), dryRun);
    }

    @Override
    public PruneResult prune(Repository repository, boolean dryRun, Progress progress) throws IOException {
        return new Pruner(OpenRepository.of(repository), progress).prune(dryRun);
    }
}

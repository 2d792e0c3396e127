package org.seedbench.cloud.azure.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.seedbench.cloud.azure.StorageAccess;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;

/**
 * One storage account's Blob service client, built from a {@link StorageAccess}, with what is needed to hand
 * a blob's URL to the service for a server-side copy (a SAS token, or a shared key to sign one) and to keep
 * those secrets out of every message.
 */
public final class StorageAccount {
    private final BlobServiceClient service;
    private final String sasToken;
    private final boolean sharedKey;
    private final Redactor redactor;

    private StorageAccount(BlobServiceClient service, String sasToken, boolean sharedKey, Redactor redactor) {
        this.service = service;
        this.sasToken = sasToken;
        this.sharedKey = sharedKey;
        this.redactor = redactor;
    }

    /**
     * Builds the client. No request is sent yet, so a wrong key or SAS shows on the first operation. The HTTP
     * client is the JDK's, given explicitly: azure-core looks for HTTP clients with ServiceLoader, which does
     * not see the providers of other bundles.
     */
    public static StorageAccount open(StorageAccess access) throws InvalidInputException {
        HttpClient http = new JdkHttpClientBuilder().build();
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder().httpClient(http);
        List<String> secrets = new ArrayList<>();
        String sas = null;
        boolean key = false;
        if (access instanceof StorageAccess.ConnectionString cs) {
            String value = Settings.reveal(cs.value());
            secrets.add(value);
            Optional<String> accountKey = connectionStringPart(value, "AccountKey");
            Optional<String> signature = connectionStringPart(value, "SharedAccessSignature");
            accountKey.ifPresent(secrets::add);
            if (signature.isPresent()) {
                sas = stripQuestionMark(signature.get());
                secrets.add(sas);
            }
            key = accountKey.isPresent();
            try {
                builder.connectionString(value);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // the SDK's message may quote the string; say what is wrong without it
                throw new InvalidInputException(new Problem(StorageAccess.CONNECTION_STRING, null,
                        "is not a storage connection string",
                        "DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net"));
            }
        } else if (access instanceof StorageAccess.AccountSas s) {
            sas = stripQuestionMark(Settings.reveal(s.sasToken()));
            secrets.add(sas);
            builder.endpoint(s.accountUrl().toString()).sasToken(sas);
        } else if (access instanceof StorageAccess.SharedKey k) {
            String accountKey = Settings.reveal(k.accountKey());
            secrets.add(accountKey);
            key = true;
            builder.endpoint(k.accountUrl().toString())
                    .credential(new StorageSharedKeyCredential(k.accountName(), accountKey));
        }
        return new StorageAccount(builder.buildClient(), sas, key, new Redactor(secrets));
    }

    public BlobServiceClient service() {
        return service;
    }

    public String name() {
        return service.getAccountName();
    }

    /** The account's Blob endpoint, without any query. */
    public URI url() {
        return URI.create(service.getAccountUrl());
    }

    /** Whether the client signs with the account key, so it can sign SAS tokens of its own. */
    boolean hasSharedKey() {
        return sharedKey;
    }

    /** The SAS token the client was given, if it was given one. */
    Optional<String> sasToken() {
        return Optional.ofNullable(sasToken);
    }

    public Redactor redactor() {
        return redactor;
    }

    /** Error translation for this account's operations. */
    public StorageErrors errors() {
        return new StorageErrors(name(), redactor);
    }

    boolean sameAccountAs(StorageAccount other) {
        return url().normalize().toString().toLowerCase(Locale.ROOT).replaceAll("/+$", "")
                .equals(other.url().normalize().toString().toLowerCase(Locale.ROOT).replaceAll("/+$", ""));
    }

    private static String stripQuestionMark(String sas) {
        return sas.startsWith("?") ? sas.substring(1) : sas;
    }

    /** The value of {@code part} in a {@code key=value;key=value} connection string; names ignore case. */
    static Optional<String> connectionStringPart(String connectionString, String part) {
        for (String pair : connectionString.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase(part)) {
                String value = pair.substring(eq + 1).trim();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}

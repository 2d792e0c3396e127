package org.seedbench.cloud.azure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.seedbench.cloud.azure.internal.Settings;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;
import org.seedbench.core.spi.ConnectorSettings;

import com.azure.storage.common.StorageSharedKeyCredential;

/**
 * How to reach a storage account's Blob service: a connection string, an account URL with a SAS token, or an
 * account name with its shared key. The key, the SAS token and the connection string (which may hold either)
 * are {@link Secret}s; {@code toString()} of every kind shows them as {@code ******}.
 */
public sealed interface StorageAccess {

    /** Settings key of a connection string ({@code DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…}). */
    String CONNECTION_STRING = "connectionString";
    /** Settings key of the Blob endpoint, e.g. {@code https://contoso.blob.core.windows.net}. */
    String ACCOUNT_URL = "accountUrl";
    /** Settings key of a SAS token (account or container SAS), with or without its leading {@code ?}. */
    String SAS_TOKEN = "sasToken";
    /** Settings key of the storage account name. */
    String ACCOUNT_NAME = "accountName";
    /** Settings key of the storage account key. */
    String ACCOUNT_KEY = "accountKey";

    /** A connection string as the portal shows it; it holds a key or a SAS, so it is a secret as a whole. */
    record ConnectionString(Secret value) implements StorageAccess {
    }

    /** The Blob endpoint of the account and a SAS token that grants access to it. */
    record AccountSas(URI accountUrl, Secret sasToken) implements StorageAccess {
    }

    /** The Blob endpoint, the account name and one of the account's two keys. */
    record SharedKey(URI accountUrl, String accountName, Secret accountKey) implements StorageAccess {
    }

    /**
     * The account's shared key as the SDK signs with it, for making SAS tokens; empty when this access holds no key
     * (a SAS token, a connection string with a SAS).
     */
    default Optional<StorageSharedKeyCredential> sharedKeyCredential() {
        if (this instanceof SharedKey k) {
            return Optional.of(new StorageSharedKeyCredential(k.accountName(), new String(k.accountKey().reveal())));
        }
        if (this instanceof ConnectionString c) {
            try {
                return Optional.of(StorageSharedKeyCredential.fromConnectionString(new String(c.value().reveal())));
            } catch (RuntimeException noKey) {
                // a connection string with a SAS and no key: nothing to sign with (the message may quote it)
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static StorageAccess connectionString(Secret connectionString) throws InvalidInputException {
        if (connectionString == null || connectionString.length() == 0) {
            throw new InvalidInputException(missing(CONNECTION_STRING));
        }
        return new ConnectionString(connectionString);
    }

    static StorageAccess sas(URI accountUrl, Secret sasToken) throws InvalidInputException {
        List<Problem> problems = new ArrayList<>(checkAccountUrl(accountUrl));
        if (sasToken == null || sasToken.length() == 0) {
            problems.add(missing(SAS_TOKEN));
        }
        InvalidInputException.throwIfAny(problems);
        return new AccountSas(accountUrl, sasToken);
    }

    /** The account's public endpoint {@code https://<account>.blob.core.windows.net}. */
    static StorageAccess sharedKey(String accountName, Secret accountKey) throws InvalidInputException {
        InvalidInputException.throwIfAny(SeedRules.checkStorageAccount(accountName));
        return sharedKey(URI.create("https://" + accountName + ".blob.core.windows.net"), accountName, accountKey);
    }

    /** An explicit endpoint, e.g. a sovereign cloud, a private endpoint or the emulator. */
    static StorageAccess sharedKey(URI accountUrl, String accountName, Secret accountKey)
            throws InvalidInputException {
        List<Problem> problems = new ArrayList<>(checkAccountUrl(accountUrl));
        if (accountName == null || accountName.isBlank()) {
            problems.add(missing(ACCOUNT_NAME));
        } else if (!accountName.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            problems.add(new Problem(ACCOUNT_NAME, accountName, "has characters other than lowercase letters and digits",
                    "lowercase letters and digits"));
        }
        if (accountKey == null || accountKey.length() == 0) {
            problems.add(missing(ACCOUNT_KEY));
        }
        InvalidInputException.throwIfAny(problems);
        return new SharedKey(accountUrl, accountName, accountKey);
    }

    /**
     * Reads the access from connector settings: {@value #CONNECTION_STRING}; or {@value #ACCOUNT_URL} with
     * {@value #SAS_TOKEN}; or {@value #ACCOUNT_NAME} with {@value #ACCOUNT_KEY} (and optionally
     * {@value #ACCOUNT_URL}).
     */
    static StorageAccess fromSettings(ConnectorSettings settings) throws InvalidInputException {
        Secret connectionString = secret(settings, CONNECTION_STRING);
        Secret sas = secret(settings, SAS_TOKEN);
        Secret key = secret(settings, ACCOUNT_KEY);
        String url = text(settings, ACCOUNT_URL);
        String name = text(settings, ACCOUNT_NAME);
        if (connectionString != null) {
            return connectionString(connectionString);
        }
        if (sas != null) {
            return sas(parseUrl(url), sas);
        }
        if (key != null || name != null) {
            return url == null ? sharedKey(name, key) : sharedKey(parseUrl(url), name, key);
        }
        throw new InvalidInputException(new Problem("storage access", null, "is missing",
                CONNECTION_STRING + "; or " + ACCOUNT_URL + " and " + SAS_TOKEN + "; or " + ACCOUNT_NAME + " and "
                        + ACCOUNT_KEY));
    }

    private static URI parseUrl(String url) throws InvalidInputException {
        if (url == null) {
            throw new InvalidInputException(missing(ACCOUNT_URL));
        }
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(new Problem(ACCOUNT_URL, url, "is not a URL", "https://<account>.blob.core.windows.net"));
        }
    }

    private static List<Problem> checkAccountUrl(URI url) {
        if (url == null) {
            return List.of(missing(ACCOUNT_URL));
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String allowed = "https://<account>.blob.core.windows.net, or an http(s) endpoint of an emulator";
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            return List.of(new Problem(ACCOUNT_URL, url.toString(), "is not an http(s) URL with a host", allowed));
        }
        if (url.getRawQuery() != null) {
            // the query is where a SAS would be: never echo it back
            return List.of(new Problem(ACCOUNT_URL, null, "has a query part; give the SAS token separately", allowed));
        }
        return List.of();
    }

    private static Problem missing(String field) {
        return new Problem(field, null, "is missing", null);
    }

    private static Secret secret(ConnectorSettings settings, String key) {
        return Settings.secret(settings, key);
    }

    private static String text(ConnectorSettings settings, String key) {
        return Settings.text(settings, key);
    }
}

package org.seedbench.cloud.azure.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Set;

import com.azure.storage.blob.models.BlobStorageException;

/**
 * Turns what the SDK throws into one line a person can act on: the operation, the blob or container, the HTTP
 * status and the service's error code, and what to check. The SDK's own message (the response body, which can
 * quote request details) is not used, nor chained as a cause; secrets are redacted from anything that is.
 */
public final class StorageErrors {
    /** Error codes with which the service says it will not copy server-side, so a streaming copy may. */
    private static final Set<String> CANNOT_COPY = Set.of("CannotVerifyCopySource", "FeatureVersionMismatch",
            "UnsupportedHeader", "UnsupportedQueryParameter", "FeatureNotSupported", "NotImplemented");

    private final String account;
    private final Redactor redactor;

    StorageErrors(String account, Redactor redactor) {
        this.account = account;
        this.redactor = redactor;
    }

    /**
     * @param operation what was being done, e.g. {@code upload}
     * @param target {@code container} or {@code container/blob}
     */
    public IOException of(String operation, String target, RuntimeException e) {
        String where = "Azure Blob storage: cannot " + operation + " '" + target + "' in account '" + account + "': ";
        if (e instanceof BlobStorageException s) {
            String code = errorCode(s);
            return new IOException(redactor.redact(where + "HTTP " + s.getStatusCode()
                    + (code.isEmpty() ? "" : " " + code) + "; " + hint(s.getStatusCode(), code, target)));
        }
        Throwable cause = telling(e);
        String what = cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + firstLine(cause.getMessage()));
        String hint;
        if (cause instanceof UnknownHostException) {
            hint = "the account's endpoint host is unknown: check the account name or endpoint URL";
        } else if (cause instanceof ConnectException) {
            hint = "nothing answers at the account's endpoint: check the endpoint URL and the network";
        } else if (cause instanceof HttpTimeoutException || cause instanceof InterruptedIOException) {
            hint = "the service did not answer in time: check the network, then retry";
        } else {
            hint = "check the account's endpoint and the network";
        }
        return new IOException(redactor.redact(where + what + "; " + hint));
    }

    /** Whether the service refused a server-side copy in a way a streaming copy can work around. */
    static boolean cannotCopyServerSide(BlobStorageException e) {
        return e.getStatusCode() == 501 || CANNOT_COPY.contains(errorCode(e));
    }

    static boolean isBlobNotFound(BlobStorageException e) {
        return e.getStatusCode() == 404 && "BlobNotFound".equals(errorCode(e));
    }

    static String errorCode(BlobStorageException e) {
        return e.getErrorCode() == null ? "" : e.getErrorCode().toString();
    }

    private static String hint(int status, String code, String target) {
        switch (code) {
        case "AuthenticationFailed":
            return "the account key, SAS token or connection string was not accepted: check it, and that a SAS has not expired";
        case "AuthorizationFailure":
            return "the request was refused: check the account key or SAS token (its expiry and permissions) "
                    + "and the account's network rules";
        case "AuthorizationPermissionMismatch":
        case "AuthorizationResourceTypeMismatch":
        case "AuthorizationServiceMismatch":
        case "AuthorizationProtocolMismatch":
        case "AuthorizationSourceIPMismatch":
            return "the credentials do not allow this: check the SAS permissions (read, write, list, delete, create), "
                    + "resource types, allowed IPs and protocol";
        case "ContainerNotFound":
            return "the container does not exist: check its name, or create it first";
        case "BlobNotFound":
            return "there is no such blob: check its name";
        case "ContainerBeingDeleted":
            return "the container is being deleted: wait a minute, then retry";
        case "ContainerAlreadyExists":
            return "the container exists already";
        case "Md5Mismatch":
        case "InvalidMd5":
            return "the data changed on the way (MD5 mismatch): retry the upload";
        case "InvalidBlockList":
        case "InvalidBlobOrBlock":
            return "the block list refers to blocks the service no longer holds: upload the blob again";
        case "CannotVerifyCopySource":
            return "the service could not read the copy source: check that the source blob exists and may be read";
        case "InvalidResourceName":
        case "OutOfRangeInput":
            return "the container or blob name is not valid";
        case "AccountIsDisabled":
            return "the storage account is disabled";
        default:
            if (status == 404) {
                return "not found: check the account endpoint, the container and the blob name";
            }
            if (status == 403) {
                return "access denied: check the key or SAS token and its permissions";
            }
            if (status >= 500) {
                return "the storage service failed: retry later";
            }
            return "check the storage account settings";
        }
    }

    /**
     * The cause that says most: the first unknown host, refused connection or timeout in the chain (the JDK
     * client wraps a refused connection in a ClosedChannelException), else the innermost cause.
     */
    static Throwable telling(Throwable t) {
        Throwable root = t;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof UnknownHostException || c instanceof ConnectException || c instanceof HttpTimeoutException) {
                return c;
            }
            for (Throwable s : c.getSuppressed()) {
                if (s instanceof UnknownHostException || s instanceof ConnectException) {
                    return s;
                }
            }
            root = c;
        }
        return root instanceof UncheckedIOException && root.getCause() != null ? root.getCause() : root;
    }

    static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).trim();
    }
}

package org.seedbench.core.spi;

import org.seedbench.core.model.Secret;

/**
 * What unlocks an encrypted drive: BitLocker's 48-digit recovery password (the portable encryptor uses the
 * same form), with the id the encryptor gave it.
 */
public record KeyProtector(String id, Secret recoveryPassword) {

    @Override
    public String toString() {
        return "KeyProtector[" + id + "]";
    }
}

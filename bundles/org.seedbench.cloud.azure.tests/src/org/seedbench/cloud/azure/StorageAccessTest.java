package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;


import org.junit.jupiter.api.Test;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.ConnectorSettings;

/** How the connector's settings become a {@link StorageAccess}, and that no form of it shows its secret. */
class StorageAccessTest {
    private static final String KEY = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5YWJjZGVm";

    @Test
    void aConnectionStringWinsAndIsKeptAsASecret() throws Exception {
        String cs = "DefaultEndpointsProtocol=https;AccountName=contosobackup;AccountKey=" + KEY
                + ";EndpointSuffix=core.windows.net";
        StorageAccess access = StorageAccess.fromSettings(ConnectorSettings.empty()
                .with(StorageAccess.CONNECTION_STRING, cs).with(StorageAccess.ACCOUNT_NAME, "ignored"));
        StorageAccess.ConnectionString c = assertInstanceOf(StorageAccess.ConnectionString.class, access);
        assertEquals(cs, new String(c.value().reveal()));
        assertFalse(access.toString().contains(KEY), access.toString());
    }

    @Test
    void anAccountNameAndKeyReachThePublicEndpoint() throws Exception {
        StorageAccess access = StorageAccess.fromSettings(ConnectorSettings.empty()
                .with(StorageAccess.ACCOUNT_NAME, "contosobackup").withSecret(StorageAccess.ACCOUNT_KEY, Secret.of(KEY)));
        StorageAccess.SharedKey k = assertInstanceOf(StorageAccess.SharedKey.class, access);
        assertEquals(URI.create("https://contosobackup.blob.core.windows.net"), k.accountUrl());
        assertEquals("contosobackup", k.accountName());
        assertFalse(access.toString().contains(KEY), access.toString());

        AzureBlobStorage storage = AzureBlobStorage.open(access);
        assertEquals("contosobackup", storage.accountName());
        assertEquals("https://contosobackup.blob.core.windows.net", storage.accountUrl().toString());
    }

    @Test
    void anAccountUrlAndSasTokenAreTakenWithOrWithoutTheQuestionMark() throws Exception {
        StorageAccess access = StorageAccess.fromSettings(ConnectorSettings.empty()
                .with(StorageAccess.ACCOUNT_URL, "https://contosobackup.blob.core.windows.net")
                .with(StorageAccess.SAS_TOKEN, "?sv=2024-08-04&sig=abc%3D"));
        StorageAccess.AccountSas s = assertInstanceOf(StorageAccess.AccountSas.class, access);
        assertFalse(access.toString().contains("sig="), access.toString());
        assertEquals("contosobackup", AzureBlobStorage.open(s).accountName());
    }

    @Test
    void missingSettingsSayWhatIsAccepted() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StorageAccess.fromSettings(ConnectorSettings.empty()));
        assertTrue(e.getMessage().contains(StorageAccess.CONNECTION_STRING) && e.getMessage().contains(StorageAccess.SAS_TOKEN)
                && e.getMessage().contains(StorageAccess.ACCOUNT_KEY), e.getMessage());

        InvalidInputException noUrl = assertThrows(InvalidInputException.class,
                () -> StorageAccess.fromSettings(ConnectorSettings.empty().with(StorageAccess.SAS_TOKEN, "sv=1&sig=x")));
        assertEquals("accountUrl: is missing", noUrl.getMessage());

        InvalidInputException badName = assertThrows(InvalidInputException.class,
                () -> StorageAccess.sharedKey("Contoso_Backup", Secret.of(KEY)));
        assertTrue(badName.getMessage().startsWith("storage account 'Contoso_Backup'"), badName.getMessage());
    }

    @Test
    void aSasInTheAccountUrlIsRefusedWithoutBeingEchoed() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> StorageAccess.sas(
                URI.create("https://contosobackup.blob.core.windows.net/?sv=1&sig=topsecret"), Secret.of("sv=1&sig=x")));
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
        assertTrue(e.getMessage().contains("give the SAS token separately"), e.getMessage());
    }

    @Test
    void aMalformedConnectionStringIsRefusedWithoutBeingEchoed() {
        String cs = "AccountName=contosobackup;AccountKey" + KEY;
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AzureBlobStorage.open(StorageAccess.connectionString(Secret.of(cs))));
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertTrue(e.getMessage().startsWith("connectionString: is not a storage connection string"), e.getMessage());
    }

    @Test
    void containerNamesFollowTheServiceRules() throws Exception {
        AzureBlobStorage storage = AzureBlobStorage
                .open(StorageAccess.sharedKey("contosobackup", Secret.of(KEY)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> storage.container("Seed_Data"));
        assertTrue(e.getMessage().startsWith("container 'Seed_Data'"), e.getMessage());
    }
}

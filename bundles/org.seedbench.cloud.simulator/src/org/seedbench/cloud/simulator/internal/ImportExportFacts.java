package org.seedbench.cloud.simulator.internal;

import java.util.List;
import java.util.Set;

/**
 * What the Azure Import/Export reference (Microsoft.ImportExport, api-version 2021-01-01) says a request must
 * hold, as facts the simulator checks: required properties by definition, the values an enum allows, limits.
 * Written from the published reference and its documentation, not from Seedbench's client.
 */
final class ImportExportFacts {
    /** PutJobParameters as an import job needs it: where and which job. */
    static final List<String> PUT_JOB = List.of("location", "properties");
    /** JobDetails of an import job: the storage account, the kind of job and the drives. */
    static final List<String> IMPORT_JOB = List.of("storageAccountId", "jobType", "driveList");
    /** JobDetails.jobType. */
    static final Set<String> JOB_TYPES = Set.of("Import", "Export");
    /** JobDetails.logLevel. */
    static final Set<String> LOG_LEVELS = Set.of("Error", "Verbose");
    /** ReturnAddress's required list (streetAddress2 and stateOrProvince are optional). */
    static final List<String> RETURN_ADDRESS = List.of("recipientName", "streetAddress1", "city", "postalCode",
            "countryOrRegion", "phone", "email");
    /** ReturnShipping's required list. */
    static final List<String> RETURN_SHIPPING = List.of("carrierName", "carrierAccountNumber");
    /** DeliveryPackageInformation's required list (driveCount, an integer, and shipDate are optional). */
    static final List<String> DELIVERY_PACKAGE = List.of("carrierName", "trackingNumber");
    /** DriveStatus as an import job's drive list gives it. */
    static final List<String> IMPORT_DRIVE = List.of("driveId", "bitLockerKey", "manifestFile", "manifestHash");
    /** An import job has one to ten drives. */
    static final int MAX_DRIVES = 10;
    /** UpdateJobParameters.properties.state: the one value an update may set. */
    static final Set<String> UPDATE_STATES = Set.of("Shipping");
    private ImportExportFacts() {
    }
}

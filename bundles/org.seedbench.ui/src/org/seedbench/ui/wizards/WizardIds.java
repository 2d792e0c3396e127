package org.seedbench.ui.wizards;

/**
 * The widget data key and values by which tests and page objects find the wizards' fields and buttons
 * ({@code widget.getData(KEY)}). A field's message line is found under the field's id plus {@link #MESSAGE}.
 */
public final class WizardIds {
    /** The widget data key every Seedbench widget is tagged with. */
    public static final String KEY = org.seedbench.ui.SeedbenchUi.WIDGET_ID;
    /** Suffix of the id of a field's message line. */
    public static final String MESSAGE = ".message";

    /** Model element ids of the wizards' tool items in the Jobs view's toolbar (see wizards.e4xmi). */
    public static final String TOOLITEM_NEW_JOB = "org.seedbench.ui.wizards.toolitem.newJob";
    public static final String TOOLITEM_PREPARE_DRIVES = "org.seedbench.ui.wizards.toolitem.prepareDrives";
    public static final String TOOLITEM_UPDATE_SHIPPING = "org.seedbench.ui.wizards.toolitem.updateShipping";
    /** Prefix of the model element ids of the wizards' menu items in the File and Job menus. */
    public static final String MENUITEM_PREFIX = "org.seedbench.ui.wizards.menuitem.";

    public static final String INIT_NAME = "init.name";
    public static final String INIT_STAGING = "init.staging";
    public static final String INIT_STORAGE_ACCOUNT = "init.storageAccount";
    public static final String INIT_CONTAINER = "init.container";
    /** The line under the storage account that says what and where the vault is. */
    public static final String INIT_VAULT_NOTE = "init.vaultNote";
    public static final String INIT_SUBSCRIPTION = "init.subscription";
    public static final String INIT_LOCATION = "init.location";
    public static final String INIT_CONNECTOR = "init.connector";
    public static final String INIT_SOURCE_HOST = "init.sourceHost";
    public static final String INIT_WORKLOAD_SOURCE = "init.workload.source";
    public static final String INIT_WORKLOAD_TARGET = "init.workload.target";
    public static final String INIT_WORKLOAD_INCLUDE = "init.workload.include";
    public static final String INIT_WORKLOAD_EXCLUDE = "init.workload.exclude";
    public static final String INIT_WORKLOAD_ADD = "init.workload.add";
    public static final String INIT_WORKLOAD_REMOVE = "init.workload.remove";
    public static final String INIT_WORKLOADS = "init.workloads";
    public static final String INIT_PASSPHRASE = "init.passphrase";
    public static final String INIT_PASSPHRASE_AGAIN = "init.passphraseAgain";
    public static final String INIT_KEEP_PASSPHRASE = "init.keepPassphrase";
    public static final String INIT_ESTIMATE_BANDWIDTH = "init.estimate.bandwidth";
    public static final String INIT_ESTIMATE_RUN = "init.estimate.run";
    public static final String INIT_ESTIMATE_RESULT = "init.estimate.result";

    public static final String PREPARE_DRIVES = "prepare.drives";
    public static final String PREPARE_FOLDER = "prepare.folder";
    public static final String PREPARE_CAPACITY = "prepare.capacity";
    public static final String PREPARE_SERIAL = "prepare.serial";
    public static final String PREPARE_ADD_FOLDER = "prepare.addFolder";
    public static final String PREPARE_ENCRYPTOR = "prepare.encryptor";
    public static final String PREPARE_RULES = "prepare.rules";
    public static final String PREPARE_FORMAT_LIST = "prepare.formatList";
    public static final String PREPARE_FORMAT_INTRO = "prepare.formatIntro";
    public static final String PREPARE_FORMAT_CONFIRM = "prepare.formatConfirm";
    public static final String DRIVES_READY_ADDRESS = "drivesReady.address";
    public static final String DRIVES_READY_DRIVES = "drivesReady.drives";

    public static final String SHIP_CARRIER = "ship.carrier";
    public static final String SHIP_TRACKING = "ship.tracking";
    public static final String SHIP_DATE = "ship.date";
    /** The read-only free-text return address of an older catalog, shown above the address fields. */
    public static final String SHIP_RETURN_LEGACY = "ship.return.legacyText";
    public static final String SHIP_RETURN_RECIPIENT = "ship.return.recipientName";
    public static final String SHIP_RETURN_STREET1 = "ship.return.streetAddress1";
    public static final String SHIP_RETURN_STREET2 = "ship.return.streetAddress2";
    public static final String SHIP_RETURN_CITY = "ship.return.city";
    public static final String SHIP_RETURN_STATE = "ship.return.stateOrProvince";
    public static final String SHIP_RETURN_POSTAL_CODE = "ship.return.postalCode";
    /** A read-only combo of the ISO countries, each shown as "Name (CC)". */
    public static final String SHIP_RETURN_COUNTRY = "ship.return.countryOrRegion";
    public static final String SHIP_RETURN_PHONE = "ship.return.phone";
    public static final String SHIP_RETURN_EMAIL = "ship.return.email";
    public static final String SHIP_RETURN_CARRIER = "ship.returnCarrier";
    public static final String SHIP_RETURN_ACCOUNT = "ship.returnAccount";
    public static final String SHIP_DRIVES = "ship.drives";
    public static final String SHIP_DEADLINE = "ship.deadline";
    public static final String SHIP_REPLACE = "ship.replace";

    public static final String SIGN_IN_STATUS = "signIn.status";
    public static final String SIGN_IN_CODE = "signIn.code";
    public static final String SIGN_IN_URL = "signIn.url";

    public static final String PASSWORD = "masterPassword.password";
    public static final String PASSWORD_AGAIN = "masterPassword.again";

    private WizardIds() {
    }

    /** Tags a widget with its id. */
    public static <W extends org.eclipse.swt.widgets.Widget> W tag(W widget, String id) {
        widget.setData(KEY, id);
        return widget;
    }
}

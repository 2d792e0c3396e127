/**
 * The {@link org.seedbench.backup.BackupEngine} service, which hands each operation to the package of its concern.
 */
package org.seedbench.backup.internal.engine;

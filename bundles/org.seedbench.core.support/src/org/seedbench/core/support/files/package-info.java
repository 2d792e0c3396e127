/** Durable writes: temporary file, fsync, atomic rename, fsync of the folder ({@link org.seedbench.core.support.files.DurableFiles}). */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.core.support.files;

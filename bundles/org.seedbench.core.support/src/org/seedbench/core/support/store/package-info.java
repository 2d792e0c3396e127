/**
 * Object stores for providers: the folder store ({@link org.seedbench.core.support.store.FolderObjectStore}),
 * which staging providers open for a job's repository, and a listing filter over any store.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.core.support.store;

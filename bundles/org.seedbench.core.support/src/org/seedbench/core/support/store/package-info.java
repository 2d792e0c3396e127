/**
 * Object stores for providers: the folder store ({@link org.seedbench.core.support.store.FolderObjectStore}),
 * which staging providers open for a job's repository, a listing filter over any store (decorators extend
 * {@link org.seedbench.core.support.store.ForwardingObjectStore}), and the pending object
 * over a locked temporary file that stores writing through a local file extend
 * ({@link org.seedbench.core.support.store.LockedTempObject}).
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.seedbench.core.support.store;

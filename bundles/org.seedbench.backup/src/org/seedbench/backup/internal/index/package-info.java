/**
 * Where each blob is: the in-memory chunk index and the index files (FORMAT.md, "Index files").
 */
package org.seedbench.backup.internal.index;

/**
 * Content-defined chunking (FORMAT.md, "Chunking").
 */
package org.seedbench.backup.internal.chunker;

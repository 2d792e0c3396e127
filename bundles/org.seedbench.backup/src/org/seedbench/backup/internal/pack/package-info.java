/**
 * Pack files (FORMAT.md, "Packs"): their layout and trailer, and the writer that fills and seals them.
 */
package org.seedbench.backup.internal.pack;

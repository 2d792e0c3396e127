/** The engine's chunking and encoding run on samples, for pre-flight estimates. */
package org.seedbench.backup.internal.estimate;

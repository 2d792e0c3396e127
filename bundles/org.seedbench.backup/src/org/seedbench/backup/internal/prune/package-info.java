/** Retention (which snapshots a keep-policy keeps) and prune (freeing the packs no snapshot needs). */
package org.seedbench.backup.internal.prune;

/**
 * What a snapshot holds: its record, its tree's entries, their JSON documents and the rule every item path keeps.
 */
package org.seedbench.backup.internal.snapshot;

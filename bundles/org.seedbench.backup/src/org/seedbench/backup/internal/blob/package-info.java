/**
 * The blob's identity: its keyed id, its type, and the exception for stored bytes that are damaged or tampered with.
 */
package org.seedbench.backup.internal.blob;

/** The local cloud's parts: blob folders, the job store, the compressed clock and the datacenter simulator. */
package org.seedbench.cloud.local.internal;

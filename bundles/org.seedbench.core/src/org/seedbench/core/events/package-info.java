/** Event topics posted through EventAdmin / IEventBroker when jobs, drives and shipments change. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.core.events;

/**
 * The rules of the offline seeding workflow: input validation with typed problems, the job and drive
 * state machines, and the shipping deadline.
 */
@org.osgi.annotation.versioning.Version("1.4.0")
package org.seedbench.core.rules;

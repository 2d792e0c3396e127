/**
 * The steps of the seeding workflow as services the command line and the workbench both call: each step
 * checks the job's state and inputs, does the work through the engines and plugins, and records the outcome
 * in the catalog.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.workflow;

package org.seedbench.catalog;

/**
 * What {@link Catalog#verifyEvents} found in a job's stored event chain. Each event stores the SHA-256 (hex) of its
 * line as {@code seedbench events JOB --json} writes it when it exports the whole log (fields {@code seq}, {@code id},
 * {@code time}, {@code job}, {@code actor}, {@code kind}, {@code detail}, {@code prev}; {@code seq} is the event's
 * place in the job's chain, 1, 2, …; {@code prev} the hash of the event before it, for the first event the SHA-256 of
 * the job's name): so a whole export's {@code prev} values and the stored chain agree.
 *
 * @param events  how many events the job has
 * @param badId   the id of the first event that does not fit the chain; 0 when the chain is intact
 * @param problem what is wrong with it; null when the chain is intact
 * @param head    the hash of the job's last event (its genesis when it has none)
 * @since 1.5
 */
public record EventChainCheck(String jobName, int events, long badId, String problem, String head) {
    public boolean intact() {
        return problem == null;
    }
}

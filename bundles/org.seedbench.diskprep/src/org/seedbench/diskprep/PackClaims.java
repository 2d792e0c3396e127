package org.seedbench.diskprep;

import java.io.IOException;
import java.util.BitSet;

/**
 * The packs of a seed that several copy computers place between them (each on its own drives), as this computer
 * sees them: a pack is placed by one computer only, and a computer copies only the packs it claimed. Packs are
 * indexes into the listing's {@link SeedListing#packs()}. The workflow implements it over the catalog's pack leases;
 * with one copy computer there is none and the copier places every pack itself.
 */
public interface PackClaims {

    /** The packs this computer must not place: placed by another computer, or claimed by one whose lease holds. */
    BitSet heldElsewhere() throws IOException;

    /**
     * Claims packs for a drive of this computer and returns those it holds now: free ones, ones whose lease expired,
     * and ones this computer claimed or placed on that drive already.
     */
    BitSet claim(String serial, BitSet packs) throws IOException;

    /** Lets go of this computer's claims on packs none of its drives is to hold, for other computers to take. */
    void keepOnly(BitSet mine) throws IOException;
}

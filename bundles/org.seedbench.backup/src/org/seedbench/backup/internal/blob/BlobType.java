package org.seedbench.backup.internal.blob;

/** What a blob in a pack holds; the code is stored in pack trailers and index files. */
public enum BlobType {
    /** A chunk of file content. */
    DATA(1),
    /** A part of a snapshot's tree (JSON). */
    TREE(2);

    private final int code;

    BlobType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of a stored code. @throws DamagedException for an unknown code */
    public static BlobType of(int code) throws DamagedException {
        for (BlobType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new DamagedException("unknown blob type " + code);
    }
}

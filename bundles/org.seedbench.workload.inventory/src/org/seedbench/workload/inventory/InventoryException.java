package org.seedbench.workload.inventory;

/** An inventory that cannot be used: unreadable, malformed, or of another product. The message is one line. */
public class InventoryException extends Exception {
    private static final long serialVersionUID = 1L;

    public InventoryException(String message) {
        super(message);
    }
}

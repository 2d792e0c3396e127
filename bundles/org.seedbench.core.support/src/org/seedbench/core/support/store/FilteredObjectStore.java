package org.seedbench.core.support.store;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

import org.seedbench.core.spi.ObjectStore;

/**
 * A store seen through a listing filter: it lists only the objects whose names the filter accepts (a repository's
 * own objects, e.g. {@code RepositoryLayout::isObject}), so that whatever else lies in the same place is never
 * copied or counted with them. Everything else goes to the store as it is.
 */
public final class FilteredObjectStore extends ForwardingObjectStore {
    private final Predicate<String> objects;

    private FilteredObjectStore(ObjectStore store, Predicate<String> objects) {
        super(store);
        this.objects = objects;
    }

    /** {@code store}, listing only the names {@code objects} accepts. */
    public static ObjectStore of(ObjectStore store, Predicate<String> objects) {
        return new FilteredObjectStore(store, objects);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return store().list(prefix).stream().filter(objects).toList();
    }
}

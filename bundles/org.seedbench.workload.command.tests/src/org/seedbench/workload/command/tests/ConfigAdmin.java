package org.seedbench.workload.command.tests;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.UUID;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.seedbench.workload.command.CommandWorkloadSource;

/** The test runtime's real ConfigurationAdmin (Felix), started as the products start it. */
final class ConfigAdmin {

    private ConfigAdmin() {
    }

    /** Starts the ConfigurationAdmin bundle: the test runtime resolves it but, unlike the products, does not start it. */
    static void start() throws BundleException {
        BundleContext context = FrameworkUtil.getBundle(ConfigAdmin.class).getBundleContext();
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals("org.apache.felix.configadmin")) {
                b.start();
                return;
            }
        }
        throw new AssertionError("org.apache.felix.configadmin is not in the test runtime");
    }

    /** Creates a factory configuration of the command workload; returns it, to delete after the test. */
    static Configuration define(ConfigurationAdmin admin, String name, String[] command, String item)
            throws IOException {
        Configuration c = admin.getFactoryConfiguration(CommandWorkloadSource.PID, UUID.randomUUID().toString(), "?");
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("name", name);
        p.put("command", command);
        if (item != null) {
            p.put("item", item);
        }
        c.update(p);
        return c;
    }
}

package org.seedbench.cloud.azure;

import java.io.IOException;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link Azurite} parameter. One Azurite serves the whole test run: it starts when a test first
 * asks for it and is stopped when the run ends (the root store closes it), also when tests fail.
 */
public final class AzuriteExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AzuriteExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Azurite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Azurite.class, key -> {
            try {
                return Azurite.start();
            } catch (IOException e) {
                throw new ParameterResolutionException("Azurite did not start: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ParameterResolutionException("interrupted while starting Azurite", e);
            }
        }, Azurite.class);
    }
}

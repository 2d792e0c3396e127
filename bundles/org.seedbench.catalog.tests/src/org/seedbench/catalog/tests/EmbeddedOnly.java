package org.seedbench.catalog.tests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test of what only the embedded H2 catalog has (its file, lock, owner note, backups): it does not run in the
 * {@link CatalogTestBase.OnPostgreSQL} subclass of its class, and the report says why.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EmbeddedOnly.Condition.class)
@interface EmbeddedOnly {
    /** What of the H2 file the test is about. */
    String value();

    /** Disables the test on PostgreSQL. */
    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean postgres = context.getTestClass().map(CatalogTestBase.OnPostgreSQL.class::isAssignableFrom)
                    .orElse(false);
            String why = context.getElement().map(e -> e.getAnnotation(EmbeddedOnly.class))
                    .map(EmbeddedOnly::value).orElse("");
            return postgres ? ConditionEvaluationResult.disabled("embedded H2 catalog only: " + why)
                    : ConditionEvaluationResult.enabled("runs on the embedded H2 catalog");
        }
    }
}

package org.seedbench.ui.tests.wizards;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs test methods and their {@code @BeforeEach}/{@code @AfterEach} on the display's thread. Without the UI harness
 * ({@code useUIThread=true}) that is the test's own thread; under the workbench harness ({@code useUIThread=false},
 * the real E4Application running) the test's body goes to the workbench's UI thread with {@code syncExec}, and its
 * waits run the event loop there.
 */
public final class OnUiThread implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
            ExtensionContext extensionContext) throws Throwable {
        onUi(invocation);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
            ExtensionContext extensionContext) throws Throwable {
        onUi(invocation);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> context,
            ExtensionContext extensionContext) throws Throwable {
        onUi(invocation);
    }

    private static void onUi(Invocation<Void> invocation) throws Throwable {
        Display display = Display.getDefault();
        if (display.getThread() == Thread.currentThread()) {
            invocation.proceed();
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                invocation.proceed();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}

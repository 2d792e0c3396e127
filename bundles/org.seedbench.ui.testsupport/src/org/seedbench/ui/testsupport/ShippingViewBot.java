package org.seedbench.ui.testsupport;

import org.eclipse.swt.widgets.Text;
import org.seedbench.ui.SeedbenchUi;

/**
 * The Shipping view's read-only fields: {@code carrier}, {@code tracking}, {@code shipDate}, {@code returnAddress}
 * (line by line), {@code returnCarrier} (carrier and account), {@code drives}, {@code datacenter}, {@code deadline},
 * and after a refresh {@code returnPackage} and {@code serviceError}.
 */
public class ShippingViewBot {
    private final UiDriver driver;

    public ShippingViewBot(UiDriver driver) {
        this.driver = driver.showing(SeedbenchUi.PART_SHIPPING);
    }

    public String field(String name) {
        return driver.text(driver.widget(Text.class, SeedbenchUi.ID_SHIPPING + "." + name));
    }

    public void waitForField(String name, String expected) {
        Text text = driver.widget(Text.class, SeedbenchUi.ID_SHIPPING + "." + name);
        driver.waitUntil("shipping field " + name + " shows " + expected, () -> text.getText().equals(expected));
    }
}

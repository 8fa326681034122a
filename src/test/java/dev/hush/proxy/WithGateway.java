package dev.hush.proxy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A gateway with the default test configuration before each test, closed after it; a test may replace {@link #fx}. */
abstract class WithGateway {
    GatewayFixture fx;

    @BeforeEach
    void startGateway() throws Exception {
        fx = new GatewayFixture();
    }

    @AfterEach
    void stopGateway() throws Exception {
        fx.close();
    }
}

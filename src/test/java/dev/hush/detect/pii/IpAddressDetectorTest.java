package dev.hush.detect.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressDetectorTest {
    private final IpAddressDetector d = new IpAddressDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET /api/orders/37114 from 10.233.73.176 took 2637ms|10.233.73.176",
        "postgresql://svc:pw@192.168.170.127:5432/db|192.168.170.127",
        "Route is 10.0.0.0/8.|10.0.0.0/8",
        "10.0.0.0/123|10.0.0.0",
        "IP: 192.168.1.1.|192.168.1.1",
        "192.168.2.1@eth0|192.168.2.1",
        "localhost 127.0.0.1|127.0.0.1",
        "Server IP: 2001:db8::1|2001:db8::1",
        "Visit http://[2001:db8::1]/path|2001:db8::1",
        "fe80::1%eth0/64|fe80::1%eth0/64",
        "Connect to ::ffff:10.0.0.1 now|::ffff:10.0.0.1",
        "0:0:0:0:0:FFFF:129.144.52.38|0:0:0:0:0:FFFF:129.144.52.38",
        "2001:db8::/9999|2001:db8::",
        "my ip: ::1|::1",
        "text::ffff:192.0.2.1|192.0.2.1",
        "684D:1111:222:3333:4444:5555:6:77|684D:1111:222:3333:4444:5555:6:77",
        "http://10.1.2.3/hosts/10.4.5.6|10.1.2.3",
    })
    void findsOne(String text, String expected) {
        assertEquals(expected, Found.by(d, text).get(0));
    }

    @Test
    void findsSeveral() {
        assertEquals(List.of("2001:db8::1", "192.168.1.1", "10.0.0.1"),
                Found.by(d, "IPs: 192.168.1.1, 10.0.0.1, 2001:db8::1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "my ip: 192.168.0", "256.256.256.256", "192.168.1.256", "IP192.168.1.1text", "text192.168.1.1",
        "version 1.2.3.4", "v1.2.3.4", "Chrome/120.0.0.0 Safari/537.36", "Windows 10.0.19045.3930",
        "build: 10.0.0.1", "appVersion=1.2.3.4", "see section 1.2.3.4", "OID 1.3.6.1.4.1.311.21",
        "684D:1111:222:3333:4444:5555:77", "2001::db8::1", "12345:db8::1", "gggg:hhhh::1234",
        "MAC address aa:bb:cc:dd:ee:ff", "Time 12:34:56", "Ratio 1:2:3:4", "Port 80:443", "std::cout",
        "MyClass::toString", ":::", "fe80::1text", "text2001:db8::1", "dead::beef", "x = a[1::2]",
        "y = b[::3]", "2026-11-27T15:37:26.407Z", "::ffff:256.0.0.1", "::ffff:192.168.1", "Unspecified ::",
    })
    void ignoresLookAlikes(String text) {
        assertEquals(List.of(), Found.by(d, text));
    }
}

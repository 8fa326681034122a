package dev.hush.detect.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentCardDetectorTest {
    private final PaymentCardDetector d = new PaymentCardDetector();

    @ParameterizedTest
    @ValueSource(strings = {
        "4111111111111111", // Visa
        "4012888888881881",
        "5555555555554444", // Mastercard 5-series
        "2223003122003222", // Mastercard 2-series
        "371449635398431", // Amex
        "6011000400000000", // Discover
        "30569309025904", // Diners
        "3528000700000000", // JCB
        "6200000000000005", // UnionPay
        "6759649826438453", // Maestro
        "5019717010103742", // Dankort
        "122000000000003", // UATP
    })
    void findsEachIssuer(String card) {
        assertEquals(List.of(card), Found.by(d, "card " + card + " expires 12/29"));
    }

    @Test
    void findsPrintedGroupings() {
        assertEquals(List.of("4012888888881881", "4012-8888-8888-1881", "4012 8888 8888 1881"),
                Found.by(d, "4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881"));
        assertEquals(List.of("3714 496353 98431"), Found.by(d, "amex 3714 496353 98431."));
        assertEquals(List.of("5548911120136987"), Found.by(d, "x,+44 20 7469 3233,5548911120136987\n"));
        assertEquals(List.of("4111 1111 1111 1111"), Found.by(d, "x1 4111 1111 1111 1111 2y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "4012-8888-8888-1882", // Luhn fails
        "36168002586008", // Luhn fails
        "1748503543012", // not an issuer length
        "9111111111111111", // Luhn-valid but no issuer uses 9
        "order #4111 1111 1111 1111", // labelled as an order number
        "invoice no. 4111111111111111",
        "4111 1111-1111 1111", // mixed separators
        "41 11 11 11 11 11 11 11", // not a card grouping
        "sha 4111111111111111abc",
        "id=a4111111111111111",
        "ES55 5688 0092 4520 9010 1799",
        "12.4111111111111111",
        "Serial: SN-4111-1111-1111-1111",
    })
    void ignoresLookAlikes(String text) {
        assertEquals(List.of(), Found.by(d, text));
    }
}

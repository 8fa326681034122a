package dev.hush.proxy.forward;

/**
 * One intercepted tunnel, as the inspection side needs it.
 *
 * @param host     the host the client asked for in CONNECT (lower case); also the SNI and leaf name
 * @param port     the port it asked for
 * @param user     the proxy user, or {@code ip:ADDRESS} without proxy authentication
 * @param upstream the base URL requests go to: {@code --upstream HOST=URL} / {@code proxy.upstreams}, else {@code https://HOST}
 */
public record InterceptedHost(String host, int port, String user, String upstream) {
}

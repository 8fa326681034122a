package dev.hush.proxy.forward;

import dev.hush.config.ProxySettings;
import dev.hush.proxy.tls.CertificateAuthority;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The admin port's pages for browser mode, served without the admin token: {@code /ca.crt} (the CA in PEM),
 * {@code /ca} (how to install it) and {@code /proxy.pac} (intercepted hosts via Hush, the rest DIRECT).
 */
public final class BrowserPages {
    private final CertificateAuthority ca;
    private final ProxySettings settings;
    private final IntSupplier proxyPort;

    public BrowserPages(CertificateAuthority ca, ProxySettings settings, IntSupplier proxyPort) {
        this.ca = ca;
        this.settings = settings;
        this.proxyPort = proxyPort;
    }

    /** Answers the request when it is one of these pages; false otherwise. */
    public boolean handle(HttpServerRequest req) {
        switch (req.path()) {
            case "/ca.crt" -> req.response().putHeader("content-type", "application/x-pem-file")
                    .putHeader("content-disposition", "attachment; filename=\"hush-ca.crt\"").end(ca.certificatePem());
            case "/ca", "/ca/" -> req.response().putHeader("content-type", "text/html; charset=utf-8").end(installPage());
            case "/proxy.pac" -> req.response().putHeader("content-type", "application/x-ns-proxy-autoconfig")
                    .end(pac(proxyAddress(req.authority() == null ? null : req.authority().host())));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code proxy.pacAddress}, else the serve port on the host name the PAC file was fetched with. */
    String proxyAddress(String requestHost) {
        if (!settings.pacAddress.isEmpty()) {
            return settings.pacAddress;
        }
        String host = requestHost == null ? "127.0.0.1" : requestHost;
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return host + ":" + proxyPort.getAsInt();
    }

    /** Bypass first (DIRECT), then deny and intercept (via Hush, which refuses or inspects), else DIRECT. */
    String pac(String proxy) {
        StringBuilder b = new StringBuilder("// Hush browser mode: AI hosts through the proxy, everything else direct.\n")
                .append("function FindProxyForURL(url, host) {\n  host = host.toLowerCase();\n");
        for (String g : settings.bypass) {
            b.append("  if (shExpMatch(host, \"").append(js(g)).append("\")) return \"DIRECT\";\n");
        }
        for (List<String> l : List.of(settings.deny, settings.intercept)) {
            for (String g : l) {
                b.append("  if (shExpMatch(host, \"").append(js(g)).append("\")) return \"PROXY ").append(js(proxy)).append("\";\n");
            }
        }
        return b.append("  return \"DIRECT\";\n}\n").toString();
    }

    private static String js(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private String installPage() {
        String fp = ca.fingerprint();
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Install the Hush certificate</title></head>"
                + "<body style=\"font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.5\">"
                + "<h1>Install the Hush certificate</h1>"
                + "<p>Hush inspects what is sent to AI services. Browsers must trust its certificate authority for those "
                + "sites only; all other sites are tunnelled unread. Download: <a href=\"/ca.crt\">hush-ca.crt</a>. "
                + "SHA-256 fingerprint (check it matches): <code>" + fp + "</code></p>"
                + "<h2>Windows</h2><p>Double-click the file, <i>Install Certificate</i>, <i>Local Machine</i>, "
                + "<i>Place all certificates in the following store</i>: <b>Trusted Root Certification Authorities</b>. "
                + "Or as administrator: <code>certutil -addstore -f Root hush-ca.crt</code>. Chrome and Edge use this store.</p>"
                + "<h2>macOS</h2><p><code>sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain hush-ca.crt</code>"
                + " (or Keychain Access, System keychain, set <i>Always Trust</i>). Safari and Chrome use it.</p>"
                + "<h2>Linux</h2><p>Debian/Ubuntu: <code>sudo cp hush-ca.crt /usr/local/share/ca-certificates/ &amp;&amp; sudo update-ca-certificates</code>. "
                + "Fedora/RHEL: <code>sudo cp hush-ca.crt /etc/pki/ca-trust/source/anchors/ &amp;&amp; sudo update-ca-trust</code>. "
                + "Chrome on Linux reads its own NSS store: <code>certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n Hush -i hush-ca.crt</code>.</p>"
                + "<h2>Firefox</h2><p>Settings, Privacy &amp; Security, Certificates, <i>View Certificates</i>, Authorities, "
                + "<i>Import</i>, tick <i>Trust this CA to identify websites</i>. Managed: policy "
                + "<code>Certificates.ImportEnterpriseRoots: true</code> (use the OS store) or <code>Certificates.Install</code>.</p>"
                + "<h2>MDM (managed fleets)</h2><p>Intune: a <i>Trusted certificate</i> profile with hush-ca.crt. Jamf: a "
                + "configuration profile with a Certificate payload. Google Admin: Devices, Networks, Certificates. "
                + "Push the proxy settings with the same profile: PAC URL <code>http://THIS-HOST:ADMIN-PORT/proxy.pac</code>.</p>"
                + "<p>See docs/browser-mode.md for the browser policies that keep AI traffic on the proxy.</p>"
                + "</body></html>";
    }
}

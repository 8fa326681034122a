#!/usr/bin/env python3
"""Lists the services (issuers) the credential rules cover: one line per service with its rule ids.

A service is the finding type without its family and its kind suffix (SECRET.DATADOG_API_KEY -> DATADOG);
types that name a kind, not an issuer (GENERIC_*, PASSWORD*, PRIVATE_KEY ...), are listed apart.
Usage: bench/rule-services.py [config/rules] [--names]   (--names: service names only, one a line)
"""
import collections
import glob
import os
import re
import sys

KIND_SUFFIX = re.compile(r"_(?:(?:API|ACCESS|APP|AUTH|CLIENT|SECRET|PERSONAL|SERVICE|SERVER|ADMIN|ROOT|DEPLOY|"
                         r"INGEST|SDK|OAUTH|MASTER|REST|PRIVATE|PUBLIC|WEBHOOK|SIGNING|LICENSE|BOT)_?)*"
                         r"(?:KEY|TOKEN|SECRET|PAT|CREDENTIALS?|PASSWORD|ID|URL|DSN|CERTIFICATE|HOOK|WEBHOOK)?$")
NOT_AN_ISSUER = re.compile(r"^(?:GENERIC|PASSWORD|PRIVATE|BEARER|BASIC|JWT|SESSION|CONNECTION|API|KEY|HASH|"
                           r"CREDENTIAL|NTLM|KERBEROS|PGP|SSH|PEM|HTPASSWD|NETRC|WIFI|ENV)(?:_|$)")


def rules(folder):
    for path in sorted(glob.glob(os.path.join(folder, "*.yaml"))):
        rid = None
        for line in open(path, encoding="utf-8"):
            m = re.match(r"\s*-\s+id:\s*['\"]?([\w.-]+)", line)
            if m:
                rid = m.group(1)
                continue
            m = re.match(r"\s+type:\s*['\"]?SECRET\.([\w.]+)", line)
            if m and rid:
                yield os.path.basename(path), rid, m.group(1)
                rid = None


def main(argv):
    folder = next((a for a in argv if not a.startswith("--")), "config/rules")
    services = collections.defaultdict(list)
    kinds = collections.defaultdict(list)
    for _, rid, kind in rules(folder):
        name = KIND_SUFFIX.sub("", kind) or kind
        (kinds if NOT_AN_ISSUER.match(kind) else services)[name].append(rid)
    for name in sorted(services, key=len, reverse=True):  # AWS_MWS -> AWS when AWS is a service of its own
        head = name.split("_")[0]
        if head != name and head in services:
            services[head].extend(services.pop(name))
    if "--names" in argv:
        print("\n".join(sorted(services)))
        return
    for name in sorted(services):
        print(f"{name}\t{' '.join(services[name])}")
    print(f"# {len(services)} services, {sum(map(len, services.values()))} rules; "
          f"{sum(map(len, kinds.values()))} rules of kinds without an issuer ({', '.join(sorted(kinds))})")


if __name__ == "__main__":
    main(sys.argv[1:])

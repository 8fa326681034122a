#!/usr/bin/env python3
"""Writes detectors.jsonl (issue 9, seventh pass): credentials the way two more families of scanners write their
tests, each next to clean look-alikes.

(a) Go detector unit tests: a vendor's name and a value joined by many separators and wrappers, the way a
    `fmt.Sprintf("%s token = '%s'", keyword, secret)` table does it: `<vendor>_token = "<v>"`, `<vendor> secret:
    <v>`, `{"<vendor>": "<v>"}`, env lines, YAML, URLs with the key as a query parameter, `Authorization: Bearer` /
    `token` headers, curl `-H` lines, several secrets on one line, and secrets at the very start or end of the text
    with no newline.
(b) Rule files whose examples are one-line snippets in many languages: Python, JS/TS, Go, Java, C#, Ruby, PHP,
    Rust, shell, PowerShell, Terraform/HCL, Kubernetes YAML / Helm values, Docker Compose, GitHub Actions, .npmrc,
    .pypirc, Maven settings.xml, appsettings.json, web.config, .properties.

Every value is random, made here from the issuer's documented shape; none is taken from a corpus or another
scanner's suite.

  cd src/test/resources/rules-test && python3 make_detectors.py > detectors.jsonl

Same line format as generality.jsonl; CredentialGeneralityTest reads all four files.
"""
import base64
import random

import make_generality as g
from make_generality import an, lo, hx, HX, b64, url64, uid, rpw, found, clean, pick, UP, DG, LO

g.R = random.Random(20261207)
g.out = []
R = g.R


def b64s(s): return base64.b64encode(s.encode()).decode()


# vendors whose keys have no prefix (the vendor's name is the only context), each with its documented shape
VENDORS = [
    ('datadog', lambda: hx(32)), ('mailjet', lambda: hx(32)), ('pusher', lambda: hx(20)), ('sentry', lambda: hx(64)),
    ('linode', lambda: hx(64)), ('pipedrive', lambda: hx(40)), ('bitly', lambda: hx(40)), ('rollbar', lambda: hx(32)),
    ('heroku', uid), ('snyk', uid), ('postmark', uid), ('zendesk', lambda: an(40)), ('algolia', lambda: an(32)),
    ('circleci', lambda: hx(40)), ('travis', lambda: an(22)), ('drone', lambda: an(32)), ('cloudflare', lambda: url64(40)),
    ('fastly', lambda: url64(32)), ('vultr', lambda: pick(UP + DG, 36)), ('todoist', lambda: hx(40)),
    ('virustotal', lambda: hx(64)), ('mailerlite', lambda: hx(32)), ('tomtom', lambda: an(32)),
    ('webflow', lambda: hx(64)), ('hetzner', lambda: an(64)), ('lokalise', lambda: hx(40)), ('spotify', lambda: hx(32)),
    ('vimeo', lambda: hx(32)), ('sendbird', lambda: hx(40)), ('freshdesk', lambda: an(20)), ('gitea', lambda: hx(40)),
    ('codecov', uid), ('kaggle', lambda: hx(32)), ('wandb', lambda: hx(40)), ('assemblyai', lambda: hx(32)),
    ('deepgram', lambda: hx(40)), ('mistral', lambda: an(32)), ('censys', lambda: an(32)), ('tiingo', lambda: hx(40)),
    ('recurly', lambda: hx(32)),
]

# --- (a) Go detector tests: keyword and value joined by separators and wrappers ---------------------------------
c = 'go-detector-separators'
SEPS = [
    lambda n, v: f'{n}_token = "{v}"',
    lambda n, v: f"{n} token = '{v}'",
    lambda n, v: f'{n} secret: {v}',
    lambda n, v: f'{{"{n}": "{v}"}}',
    lambda n, v: f'{{"{n}_api_key":"{v}","region":"us"}}',
    lambda n, v: f'{n.upper()}_API_KEY={v}',
    lambda n, v: f'export {n.upper()}_TOKEN="{v}"',
    lambda n, v: f'{n}:\n  api_key: {v}',
    lambda n, v: f'{n}_key: \'{v}\'',
    lambda n, v: f'{n}.apiKey = "{v}";',
    lambda n, v: f'{n} key => {v}',
    lambda n, v: f'[{n}]\ntoken = {v}',
    lambda n, v: f'{n}_secret:\t{v}',
    lambda n, v: f'<{n}Key>{v}</{n}Key>',
    lambda n, v: f'{n}AuthToken := "{v}"',
    lambda n, v: f'{n.upper()}_ACCESS_TOKEN: "{v}"',
    lambda n, v: f'--{n}-token {v}',
    lambda n, v: f'the {n} api key is {v}',
    lambda n, v: f'("{n}_api_key", "{v}")',
    lambda n, v: f'{n}ApiKey: `{v}`',
    lambda n, v: f'{n}_key={v}&env=prod',
    lambda n, v: f'{n} credentials {{ token: "{v}" }}',
    lambda n, v: f'{n}-api-key: {v}',
    lambda n, v: f'# {n}\nAPI_TOKEN={v}',
    lambda n, v: f"{n} token - '{v}'",
    lambda n, v: f'{n} = "{v}"',
    lambda n, v: f'{n}: {v}',
    lambda n, v: f'{n}_key:{v}',
    lambda n, v: f'{n.capitalize()} API Key = {v}',
    lambda n, v: f'"{n}_token":"{v}"',
    lambda n, v: f'{n}.token={v}',
    lambda n, v: f'{n} => "{v}"',
    lambda n, v: f'{n.upper()}_SECRET_KEY: {v}\n',
    lambda n, v: f'url := "https://api.{n}.com/v1/resource"\napiKey := "{v}"\nreq.Header.Set("Authorization", "Bearer "+apiKey)',
    lambda n, v: f'{n}_credentials = {{"token": "{v}"}}',
    lambda n, v: f'{n} access key ({v})',
]
for i, st in enumerate(SEPS):
    n, mk = VENDORS[i % len(VENDORS)]
    v = mk()
    found(c, v, st(n, v))
# look-alikes: the vendor's name next to values that are no secret of that vendor
n, mk = VENDORS[0]
clean(c, f'{n}_token = "{"0" * 32}"')
clean(c, 'export SENTRY_TOKEN="${SENTRY_TOKEN}"')
clean(c, 'pipedriveToken := os.Getenv("PIPEDRIVE_TOKEN")')
clean(c, '{"heroku": "https://dashboard.heroku.com/apps/acme-web"}')
clean(c, 'ALGOLIA_APP_ID=' + pick(UP + DG, 10))
clean(c, 'rollbar_key: "<your-rollbar-key>"')
clean(c, 'DATADOG_SITE=datadoghq.eu')
clean(c, 'the linode api key is stored in vault at secret/linode')
clean(c, f'sentry release: {hx(12)}')
clean(c, 'zendesk_token = ""')
clean(c, '{"mailjet_api_key":"REPLACE_ME","region":"us"}')
clean(c, f'circleci build #{R.randint(1000, 99999)} took 4m12s')

c = 'go-detector-http'
for i in range(14):
    n, mk = VENDORS[(i * 3 + 1) % len(VENDORS)]
    v = mk()
    st = i % 7
    if st == 0:
        t = f'https://api.{n}.com/v1/search?api_key={v}&q=weather'
    elif st == 1:
        t = f'GET /v2/items?token={v} HTTP/1.1\nHost: api.{n}.io'
    elif st == 2:
        t = f'curl -s "https://{n}.example.net/api?access_token={v}"'
    elif st == 3:
        t = f'curl -H "X-{n.capitalize()}-Api-Key: {v}" https://api.{n}.com/v1/me'
    elif st == 4:
        t = f'requests.get("https://api.{n}.com/v1/user", params={{"apikey": "{v}"}})'
    elif st == 5:
        t = f'{n} webhook: https://hooks.{n}.io/notify?key={v}'
    else:
        t = f'fetch(`https://api.{n}.com/data?api_key={v}`)'
    found(c, v, t)
# Authorization headers: the scheme is the context, whoever issued the token
for fmt in ['curl -H "Authorization: Bearer {v}" https://api.acme.io/v1/me',
            "curl -H 'Authorization: token {v}' https://api.github.com/user",
            'Authorization: Bearer {v}',
            'req.Header.Set("Authorization", "Bearer {v}")',
            "headers = {{'Authorization': 'Bearer {v}'}}",
            'http --auth-type=bearer --auth {v} GET https://api.acme.io/v1/jobs',
            '-H "Authorization: Token {v}"']:
    v = R.choice([an(40), url64(43), hx(40), an(32)])
    found(c, v, fmt.format(v=v))
clean(c, 'curl -H "Authorization: Bearer $API_TOKEN" https://api.acme.io/v1/me')
clean(c, 'curl -H "Authorization: Bearer ${{ secrets.DEPLOY_TOKEN }}" https://api.acme.io/v1/deploy')
clean(c, 'Authorization: Bearer <token>')
clean(c, 'req.Header.Set("Authorization", "Bearer "+token)')
clean(c, 'https://api.datadoghq.com/api/v1/validate?api_key=${DD_API_KEY}')
clean(c, 'https://api.linode.com/v4/profile?page=2&page_size=100')
clean(c, 'curl -H "Accept: application/json" https://api.pipedrive.com/v1/deals?start=0&limit=50')
clean(c, "headers = {'Authorization': f'Bearer {token}'}")
clean(c, f'https://cdn.acme.io/assets/app.{hx(20)}.js?v=3')
clean(c, 'Authorization: Bearer YOUR_ACCESS_TOKEN')

c = 'go-detector-layout'
# several secrets on one line, and a secret at the very start or end of the text (no newline)
a, b = hx(32), hx(40)
found(c, a, f'datadog_api_key={a} datadog_app_key={b}')
found(c, b, f'datadog_api_key={a} datadog_app_key={b}')
a, b = 'AKIA' + pick(UP + '234567', 16), b64(40)
found(c, a, f'aws_access_key_id={a} aws_secret_access_key={b}')
found(c, b, f'aws_access_key_id={a} aws_secret_access_key={b}')
a, b = 'ghp_' + an(36), 'xoxb-' + pick(DG, 12) + '-' + pick(DG, 13) + '-' + an(24)
found(c, a, f'GH_TOKEN={a} SLACK_BOT_TOKEN={b}')
found(c, b, f'GH_TOKEN={a} SLACK_BOT_TOKEN={b}')
v = 'sk_live_' + an(24); found(c, v, f'{v}')
v = 'glpat-' + url64(20); found(c, v, f'{v} is the gitlab token for the runner')
v = 'npm_' + an(36); found(c, v, f'npm token: {v}')
v = hx(64); found(c, v, f'sentry_auth_token={v}')
v = an(40); found(c, v, f'zendesk:{v}')
v = 'SG.' + url64(22) + '.' + url64(43); found(c, v, f'mail:\n  provider: sendgrid\n  key: {v}')
v = hx(32); found(c, v, f'mailjet secret:\n{v}')
v = uid(); found(c, v, f'HEROKU_API_KEY={v}')
clean(c, 'datadog_api_key= datadog_app_key=')
clean(c, f'build {hx(40)} passed; image sha256:{hx(64)}')
clean(c, f'request-id: {uid()} trace-id: {hx(32)}')
clean(c, f'{hx(40)}  refs/heads/main')
clean(c, 'GH_TOKEN= SLACK_BOT_TOKEN=')
clean(c, f'sk_live_{"x" * 24}')
clean(c, f'commit {hx(40)}\nAuthor: CI <ci@acme.io>')
clean(c, 'sentry_auth_token=')
clean(c, f'etag: "{hx(32)}"')
clean(c, 'HEROKU_API_KEY=00000000-0000-0000-0000-000000000000')

# --- (b) rule files: one-line snippets in many languages ----------------------------------------------------------
c = 'lang-code'
code = [
    ('py', 'API_KEY = "{v}"'), ('py', 'client = Client(api_key="{v}")'), ('py', "SECRET_KEY = '{v}'"),
    ('js', 'const apiSecret = "{v}";'), ('ts', 'export const AUTH_TOKEN: string = "{v}";'),
    ('js', "module.exports = {{ clientSecret: '{v}' }};"),
    ('go', 'const apiToken = "{v}"'), ('go', 'var clientSecret string = "{v}"'),
    ('java', 'private static final String SECRET_KEY = "{v}";'), ('java', 'props.setProperty("api.token", "{v}");'),
    ('cs', 'var clientSecret = "{v}";'), ('cs', 'private const string ApiKey = "{v}";'),
    ('rb', "config.api_key = '{v}'"), ('rb', 'ACCESS_TOKEN = "{v}".freeze'),
    ('php', "define('AUTH_TOKEN', '{v}');"), ('php', '$apiSecret = "{v}";'),
    ('rs', 'let api_token = "{v}";'), ('rs', 'const CLIENT_SECRET: &str = "{v}";'),
    ('kt', 'val apiKey = "{v}"'), ('swift', 'let accessToken = "{v}"'),
]
for lang, fmt in code:
    v = R.choice([an(32), an(40), url64(43), b64(40)])
    found(c, v, fmt.format(v=v))
for fmt in ['password = "{v}"', 'db_password := "{v}"', 'String password = "{v}";', '$password = \'{v}\';',
            'let password = "{v}";', 'conn = psycopg2.connect(host="db", user="app", password="{v}")']:
    v = rpw(14)
    found(c, v, fmt.format(v=v))
clean(c, 'API_KEY = os.environ["API_KEY"]')
clean(c, 'const apiSecret = process.env.API_SECRET;')
clean(c, 'apiToken := os.Getenv("API_TOKEN")')
clean(c, 'private static final String SECRET_KEY = System.getenv("SECRET_KEY");')
clean(c, 'var clientSecret = Environment.GetEnvironmentVariable("CLIENT_SECRET");')
clean(c, "config.api_key = ENV.fetch('API_KEY')")
clean(c, "define('AUTH_TOKEN', getenv('AUTH_TOKEN'));")
clean(c, 'let api_token = std::env::var("API_TOKEN")?;')
clean(c, 'export const AUTH_TOKEN_HEADER = "X-Auth-Token";')
clean(c, 'const apiKeyLabel = "API key";')
clean(c, 'password = input("Password: ")')
clean(c, 'String password = request.getParameter("password");')
clean(c, 'val apiKey = BuildConfig.API_KEY')
clean(c, 'client = Client(api_key=settings.API_KEY)')
for fmt in ['apiKey: process.env.API_KEY || "{v}",', 'const token = process.env.GITHUB_TOKEN ?? "{v}";',
            "$secret = getenv('APP_SECRET') ?: '{v}';", 'ENV.fetch("SESSION_SECRET", "{v}")',
            'let res = client.get(url).bearer_auth("{v}").send().await?;', "Http::withToken('{v}')->get($url);",
            'config.headers["Authorization"] = "Token {v}"']:
    v = R.choice([an(32), an(40), url64(43)])
    found(c, v, fmt.format(v=v))
clean(c, 'const port = process.env.PORT || "3000";')
clean(c, 'apiKey: process.env.API_KEY || "",')
clean(c, 'ENV.fetch("SESSION_SECRET", "development-only-session")')
clean(c, 'let res = client.get(url).bearer_auth(&token).send().await?;')
clean(c, 'config.headers["Authorization"] = `Bearer ${token}`')

c = 'lang-shell'
for fmt in ['export API_TOKEN={v}', 'export GITHUB_TOKEN="{v}"', 'API_KEY={v} ./deploy.sh',
            '$env:API_KEY = "{v}"', '[Environment]::SetEnvironmentVariable("API_TOKEN", "{v}", "User")',
            'set API_SECRET={v}', 'setx AUTH_TOKEN "{v}"', 'docker run -e API_KEY={v} acme/app:latest',
            'heroku config:set SECRET_KEY={v}', 'gh secret set DEPLOY_TOKEN --body "{v}"']:
    v = R.choice([an(32), an(40), url64(43)])
    if 'GITHUB' in fmt:
        v = 'ghp_' + an(36)
    found(c, v, fmt.format(v=v))
for fmt in ['$password = ConvertTo-SecureString "{v}" -AsPlainText -Force',
            'mysql -u root -p{v} -h db.internal', 'sshpass -p "{v}" ssh deploy@10.0.4.7',
            'curl -u admin:{v} https://nexus.acme.io/service/rest/v1/status',
            'New-LocalUser -Name svc -Password (ConvertTo-SecureString "{v}" -AsPlainText -Force)',
            'PGPASSWORD={v} psql -h db -U app']:
    v = rpw(14)
    found(c, v, fmt.format(v=v))
clean(c, 'export API_TOKEN=$(vault kv get -field=token secret/ci)')
clean(c, 'export GITHUB_TOKEN="${GITHUB_TOKEN:-}"')
clean(c, '$env:API_KEY = $env:API_KEY_PROD')
clean(c, 'set API_SECRET=%API_SECRET_PROD%')
clean(c, 'docker run -e API_KEY acme/app:latest')
clean(c, '$password = Read-Host -AsSecureString "Password"')
clean(c, 'mysql -u root -p -h db.internal')
clean(c, 'curl -u "$USER:$PASS" https://nexus.acme.io/service/rest/v1/status')
clean(c, 'gh secret set DEPLOY_TOKEN < token.txt')
clean(c, 'export API_TOKEN=')

c = 'lang-infra'
v = 'AKIA' + pick(UP + '234567', 16); found(c, v, f'  access_key = "{v}"')
v = b64(40); found(c, v, f'  secret_key = "{v}"')
v = rpw(14); found(c, v, f'resource "aws_db_instance" "main" {{ password = "{v}" }}')
v = an(40); found(c, v, f'provider "datadog" {{ api_key = "{an(32)}" app_key = "{v}" }}')
v = rpw(14); found(c, v, f'  POSTGRES_PASSWORD: "{v}"')
v = rpw(14); found(c, v, f'      - MYSQL_ROOT_PASSWORD={v}')
v = an(32); found(c, v, f'  API_TOKEN: {v}')
v = b64s(rpw(14)); found(c, v, f'  password: {v}\ntype: Opaque')
v = rpw(14); found(c, v, f'helm install pg bitnami/postgresql --set auth.postgresPassword={v}')
v = rpw(14); found(c, v, f'postgresql:\n  auth:\n    password: "{v}"')
v = 'ghp_' + an(36); found(c, v, f'        run: git clone https://x-access-token:{v}@github.com/acme/infra.git')
v = an(40); found(c, v, f'      env:\n        NPM_TOKEN: {v}')
v = 'glpat-' + url64(20); found(c, v, f'    - curl --header "PRIVATE-TOKEN: {v}" https://gitlab.acme.io/api/v4/projects')
v = rpw(14); found(c, v, f'  - name: DB_PASSWORD\n    value: "{v}"')
clean(c, '  access_key = var.aws_access_key')
clean(c, 'resource "aws_db_instance" "main" { password = random_password.db.result }')
clean(c, '  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}')
clean(c, '      - MYSQL_ROOT_PASSWORD_FILE=/run/secrets/db_root')
clean(c, '        NPM_TOKEN: ${{ secrets.NPM_TOKEN }}')
clean(c, '  password: {{ .Values.auth.password | b64enc }}')
clean(c, '  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password')
clean(c, 'helm install pg bitnami/postgresql --set auth.existingSecret=pg-auth')
clean(c, '  secret_key = data.aws_ssm_parameter.secret.value')
clean(c, '    - curl --header "PRIVATE-TOKEN: $CI_JOB_TOKEN" https://gitlab.acme.io/api/v4/projects')
clean(c, '  API_TOKEN: !vault |')
clean(c, 'variable "db_password" { type = string sensitive = true }')

c = 'lang-config'
v = 'npm_' + an(36); found(c, v, f'//registry.npmjs.org/:_authToken={v}')
v = b64s('ci:' + rpw(14)); found(c, v, f'_auth={v}')
v = an(40); found(c, v, f'//npm.pkg.acme.io/:_authToken="{v}"')
v = 'pypi-AgEIcHlwaS5vcmc' + url64(70); found(c, v, f'[pypi]\nusername = __token__\npassword = {v}')
v = rpw(14); found(c, v, f'[internal]\nrepository = https://pypi.acme.io/\nusername = ci\npassword = {v}')
v = rpw(14); found(c, v, f'<server><id>nexus</id><username>deploy</username><password>{v}</password></server>')
v = rpw(14); found(c, v, f'"ConnectionStrings": {{ "Default": "Server=db;Database=app;User Id=app;Password={v};" }}')
v = url64(40); found(c, v, f'"AzureAd": {{ "ClientId": "{uid()}", "ClientSecret": "{v}" }}')
v = an(32); found(c, v, f'<add key="ApiKey" value="{v}" />')
v = rpw(14); found(c, v, f'<add name="Db" connectionString="Data Source=sql01;Initial Catalog=app;User ID=sa;Password={v}" />')
v = rpw(14); found(c, v, f'spring.datasource.password={v}')
v = an(32); found(c, v, f'api.secret.key={v}')
v = url64(43); found(c, v, f'oauth.client-secret = {v}')
v = an(32); found(c, v, f'"apiKey": "{v}",')
clean(c, '//registry.npmjs.org/:_authToken=${NPM_TOKEN}')
clean(c, 'registry=https://registry.npmjs.org/')
clean(c, '[pypi]\nusername = __token__\npassword = %(PYPI_TOKEN)s')
clean(c, '<server><id>nexus</id><username>${env.NEXUS_USER}</username><password>${env.NEXUS_PASSWORD}</password></server>')
clean(c, '"ConnectionStrings": { "Default": "Server=db;Database=app;Trusted_Connection=True;" }')
clean(c, '"AzureAd": { "ClientId": "", "ClientSecret": "" }')
clean(c, '<add key="ApiKeyHeaderName" value="X-Api-Key" />')
clean(c, 'spring.datasource.password=${DB_PASSWORD}')
clean(c, 'api.secret.key=')
clean(c, '"apiKey": "<your api key>",')
clean(c, 'always-auth=true')
clean(c, '<add key="EnableApiKeyAuth" value="true" />')

# --- test-result lines (binutils/gdb/automake check logs): outcomes, not passwords ---------------------------------
c = 'test-result-lines'
for t in ['PASS: x86_64 KEYLOCKER insns', 'PASS: i386 AVX512F broadcast', 'FAIL: ld-elf/shared relro',
          'XPASS: objdump disassemble all', 'PASS: aarch64-sve2 bitperm insns (Intel syntax)',
          'PASS: gas/elf/section12 data', 'PASS: strip with saving a symbol',
          'PASS: test_rotate_keys handles an expired lease', 'PASS: riscv march=rv64gc arch string',
          'PASS: objcopy --only-keep-debug (compressed)']:
    clean(c, t)
for fmt in ['URL: https://vpn.acme.io\nUSER: jdoe\nPASS: {v}', 'host=db01 user=app pass: {v}',
            'login: admin\npass: {v}\n', 'PASS: {v}']:
    v = rpw(14)
    found(c, v, fmt.format(v=v))

if __name__ == '__main__':
    g.write(g.out)

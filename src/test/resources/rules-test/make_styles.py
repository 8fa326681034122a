#!/usr/bin/env python3
"""Writes styles.jsonl (issue 9, sixth pass): credentials the way other secret scanners write their own test
cases, each next to clean look-alikes: keyword detectors (the vendor's name near a value, `<vendor> key: <value>`,
`<vendor>_secret = "..."` in many languages), high-entropy strings in quoted assignments, URLs with credentials,
private keys in every PEM / OpenSSH / PuTTY / PGP / SSH2 armour, JWTs, basic-auth and bearer headers, cloud
credential files, and the tool syntaxes named in the sixth-pass brief (rsync password files, Slack app-level
tokens, Telegram bot tokens, PowerCLI, psexec, Gradle credentials blocks, Jenkins credentials XML). Every value is
random, made here; none is taken from a corpus or another scanner's suite.

  python3 src/test/resources/rules-test/make_styles.py > src/test/resources/rules-test/styles.jsonl

Same line format as generality.jsonl; CredentialGeneralityTest reads all three files.
"""
import base64
import json
import random

import make_generality as g
from make_generality import an, lo, hx, HX, b64, url64, uid, pw, rpw, found, clean, pick, UP, DG, LO

g.R = random.Random(20261206)
g.out = []
R = g.R


def b64s(s): return base64.b64encode(s.encode()).decode()


def b64u(b): return base64.urlsafe_b64encode(b).decode().rstrip('=')


def rbytes(n): return bytes(R.getrandbits(8) for _ in range(n))


def pem_body(nbytes, width=64):
    s = base64.b64encode(rbytes(nbytes)).decode()
    return '\n'.join(s[i:i + width] for i in range(0, len(s), width))


def jwt(alg='HS256', claims=None):
    h = b64u(json.dumps({"alg": alg, "typ": "JWT"}, separators=(',', ':')).encode())
    c = claims or {"sub": str(R.randint(10 ** 6, 10 ** 7)), "name": "svc-" + lo(6), "iat": R.randint(1.6e9, 1.8e9)}
    p = b64u(json.dumps(c, separators=(',', ':')).encode())
    return f'{h}.{p}.{b64u(rbytes(32))}'


# --- keyword detectors: the vendor's name near a prefix-less value, in many languages --------------------------
c = 'vendor-keyword'
vendors = ['algolia', 'pusher', 'mailjet', 'contentful', 'sentry', 'datadog', 'cloudinary', 'mixpanel', 'amplitude',
           'onesignal', 'twilio', 'mapquest', 'nexmo', 'zendesk', 'freshdesk', 'intercom', 'launchdarkly', 'bugsnag']
styles = [
    lambda n, v: f'{n.upper()}_API_KEY={v}',
    lambda n, v: f'{n.upper()}_SECRET = "{v}"',
    lambda n, v: f'const {n}ApiKey = \'{v}\';',
    lambda n, v: f'{n}_secret_key: {v}',
    lambda n, v: f'{n}Key := "{v}"',
    lambda n, v: f'String {n}Secret = "{v}";',
    lambda n, v: f"$config['{n}_api_secret'] = '{v}';",
    lambda n, v: f'{n.upper()}_TOKEN: "{v}"',
    lambda n, v: f'"{n}": {{"apiKey": "{v}"}}',
    lambda n, v: f'{n} api key: {v}',
    lambda n, v: f'<add key="{n.capitalize()}ApiKey" value="{v}" />',
    lambda n, v: f'[{n}]\nsecret = "{v}"',
]
for i, st in enumerate(styles):
    n = vendors[i % len(vendors)]
    v = R.choice([hx(32), an(32), an(40), hx(40), an(24)])
    found(c, v, st(n, v))
for n in vendors[12:18]:
    v = R.choice([hx(32), an(32), an(40)])
    found(c, v, R.choice([f'the {n} secret is {v}', f'{n} token {v}', f'set {n}.apiKey to "{v}"']))
clean(c, 'ALGOLIA_APP_ID=' + HX(10))
clean(c, 'const pusherCluster = "eu";')
clean(c, 'SENTRY_DSN_PUBLIC_KEY_LENGTH=32')
clean(c, 'datadog_api_key: "{{ datadog_api_key }}"')
clean(c, 'MAILJET_API_KEY=${MAILJET_API_KEY}')
clean(c, 'const mixpanelToken = process.env.MIXPANEL_TOKEN;')
clean(c, 'String zendeskSecret = System.getenv("ZENDESK_SECRET");')
clean(c, 'intercom api key: see 1Password "Intercom (prod)"')
clean(c, 'LAUNCHDARKLY_SDK_KEY=')
clean(c, 'bugsnag_api_key = "YOUR_BUGSNAG_API_KEY"')
clean(c, 'amplitude_secret_key: <amplitude secret key>')
clean(c, 'contentful_space_id: ' + lo(12))

# --- high-entropy strings in quoted assignments under secret-like names --------------------------------------------
c = 'quoted-entropy'
names = ['secret', 'client_secret', 'auth_token', 'access_token', 'signing_key', 'encryption_key', 'apikey',
         'api-key', 'private_token', 'app_secret', 'master_key', 'session_secret', 'webhook_secret', 'hmac_key']
for i, n in enumerate(names):
    v = R.choice([an(32), url64(43), b64(40), an(48)]) if 'key' not in n or i % 2 else hx(64)
    q = R.choice(['"', "'"])
    op = R.choice([' = ', ': ', '=', ' => ', ' := '])
    found(c, v, f'{n}{op}{q}{v}{q}')
v = an(40); found(c, v, f'headers = {{"X-Api-Key": "{v}", "Accept": "application/json"}}')
v = url64(43); found(c, v, f'client = Client(api_key="{v}", timeout=30)')
v = b64(44); found(c, v, f'ENCRYPTION_KEY="{v}"')
clean(c, 'secret = "' + 'a' * 32 + '"')
clean(c, 'client_secret = "' + uid() + '"')
clean(c, 'auth_token = "${AUTH_TOKEN}"')
clean(c, "access_token = ''")
clean(c, 'signing_key = "config/keys/signing.pem"')
clean(c, 'apikey = "your-api-key-here"')
clean(c, 'api-key: "<api-key>"')
clean(c, 'session_secret = os.environ["SESSION_SECRET"]')
clean(c, 'commit_sha = "' + hx(40) + '"')
clean(c, 'checksum: "sha256:' + hx(64) + '"')
clean(c, 'cache_key = "user-profile-v2"')
clean(c, 'primary_key = "id"')
clean(c, 'token_type = "Bearer"')
clean(c, 'secret_name = "prod/db/password"')

# --- URLs with credentials --------------------------------------------------------------------------------------
c = 'url-credentials'
for scheme, port in [('https', ''), ('ftp', ''), ('postgresql', ':5432'), ('mysql', ':3306'), ('redis', ':6379'),
                     ('amqps', ':5671'), ('smtp', ':587'), ('ldaps', ':636'), ('mongodb+srv', ''), ('sftp', ':22')]:
    v = R.choice([rpw(), an(20), pw()])
    user = R.choice(['deploy', 'app', 'admin', 'svc_' + lo(4)])
    host = R.choice(['db.internal', 'mq.acme.io', '10.0.3.17', 'cache-01.prod.local', 'files.example.org'])
    found(c, v, f'{scheme}://{user}:{v}@{host}{port}/')
v = 'glpat-' + url64(20); found(c, v, f'git clone https://oauth2:{v}@gitlab.acme.io/team/app.git')
v = rpw(); found(c, v, f'export HTTPS_PROXY=http://proxyuser:{v}@proxy.corp:3128')
v = an(24); found(c, v, f'DATABASE_URL="postgres://report:{v}@pg.internal:5432/analytics?sslmode=require"')
v = rpw(); found(c, v, f'redis_url: redis://:{v}@redis.internal:6379/0')
clean(c, 'https://user@github.com/acme/app.git')
clean(c, 'postgres://app:${DB_PASSWORD}@db:5432/app')
clean(c, 'http://localhost:8080/health')
clean(c, 'mysql://root:@localhost/test')
clean(c, 'amqp://guest:guest@localhost:5672/')
clean(c, 'redis://user:<password>@host:6379')
clean(c, 'See https://docs.acme.io/auth#user:password for the format.')
clean(c, 'mongodb://mongo1:27017,mongo2:27017/?replicaSet=rs0')
clean(c, 'https://%s:%s@%s/api' + '  # format string')
clean(c, 'ftp://anonymous@ftp.gnu.org/gnu/')

# --- private keys in every armour --------------------------------------------------------------------------------
c = 'private-key'
for label in ['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY', 'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY',
              'OPENSSH PRIVATE KEY']:
    body = pem_body(R.choice([180, 300, 600]), 70 if 'OPENSSH' in label else 64)
    if label == 'OPENSSH PRIVATE KEY':
        body = base64.b64encode(b'openssh-key-v1\0' + rbytes(200)).decode()
        body = '\n'.join(body[i:i + 70] for i in range(0, len(body), 70))
    v = f'-----BEGIN {label}-----\n{body}\n-----END {label}-----'
    found(c, v, f'# key for the deploy user\n{v}\n')
body = pem_body(240); v = f'-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,{HX(32)}\n\n{body}\n-----END RSA PRIVATE KEY-----'
found(c, v, v)
body = pem_body(300); v = f'-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n{body}\n={b64(4)}\n-----END PGP PRIVATE KEY BLOCK-----'
found(c, v, 'gpg --export-secret-keys --armor ops@acme.io\n' + v)
body = pem_body(300); v = f'-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n{body}\n={b64(4)}\n-----END PGP PRIVATE KEY BLOCK-----'
found(c, v, v)
body = pem_body(200, 70)
v = f'---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: "rsa-key-20261202"\n{body}\n---- END SSH2 ENCRYPTED PRIVATE KEY ----'
found(c, v, v)
pub = pem_body(51, 64).replace('\n', '\n'); prv = pem_body(48, 64)
v = (f'PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: rsa-key-{R.randint(10**7, 10**8)}\nPublic-Lines: 2\n{pub}\n'
     f'Private-Lines: 1\n{prv}\nPrivate-MAC: {hx(40)}')
found(c, v, v)
v = (f'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key\nPublic-Lines: 2\n{pem_body(51)}\n'
     f'Private-Lines: 1\n{pem_body(36)}\nPrivate-MAC: {hx(64)}')
found(c, v, v)
pk = '-----BEGIN PRIVATE KEY-----\\n' + pem_body(600).replace('\n', '\\n') + '\\n-----END PRIVATE KEY-----\\n'
v = pk.split('\\n')[1]
found(c, v, '{"type": "service_account", "project_id": "acme-prod", "private_key_id": "' + hx(40) + '", "private_key": "' + pk + '"}')
clean(c, f'-----BEGIN PUBLIC KEY-----\n{pem_body(270)}\n-----END PUBLIC KEY-----')
clean(c, f'-----BEGIN CERTIFICATE-----\n{pem_body(600)}\n-----END CERTIFICATE-----')
clean(c, f'-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n{pem_body(300)}\n={b64(4)}\n-----END PGP PUBLIC KEY BLOCK-----')
clean(c, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI' + b64(43) + ' ops@bastion')
clean(c, f'-----BEGIN CERTIFICATE REQUEST-----\n{pem_body(400)}\n-----END CERTIFICATE REQUEST-----')
clean(c, 'openssl genpkey -algorithm RSA -out private.pem  # writes -----BEGIN PRIVATE KEY----- ...')
clean(c, 'if line.startswith("-----BEGIN RSA PRIVATE KEY-----"):\n    raise ValueError("unencrypted key")')
clean(c, 'ssh_private_key_path: ~/.ssh/id_ed25519')
clean(c, '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----')
clean(c, f'-----BEGIN DH PARAMETERS-----\n{pem_body(260)}\n-----END DH PARAMETERS-----')

# --- JWTs --------------------------------------------------------------------------------------------------------
c = 'jwt'
v = jwt(); found(c, v, f'Authorization: Bearer {v}')
v = jwt('RS256'); found(c, v, f'{{"access_token": "{v}", "token_type": "Bearer", "expires_in": 3600}}')
v = jwt(); found(c, v, f'curl -H "Authorization: Bearer {v}" https://api.acme.io/v1/me')
v = jwt('ES256'); found(c, v, f'Cookie: session={v}; Path=/; HttpOnly')
v = jwt(); found(c, v, f'const token = "{v}";')
v = jwt('HS512', {"iss": "acme", "role": "service_role", "exp": R.randint(1.8e9, 1.9e9)}); found(c, v, f'SUPABASE_SERVICE_KEY={v}')
v = jwt(); found(c, v, f'the token that failed was {v} (expired?)')
v = jwt('RS256'); found(c, v, f'id_token: {v}')
clean(c, 'Authorization: Bearer <token>')
clean(c, 'Authorization: Bearer ${ACCESS_TOKEN}')
clean(c, 'JWTs start with eyJhbGciOi because the header is base64url JSON.')
clean(c, 'const token = jwt.sign(payload, process.env.JWT_SECRET, { expiresIn: "1h" });')
clean(c, 'jwt_algorithm: HS256')
clean(c, 'token = request.headers.get("Authorization", "").removeprefix("Bearer ")')
clean(c, 'Bearer realm="api", error="invalid_token"')
clean(c, 'header: eyJhbGciOiJIUzI1NiJ9 (decodes to {"alg":"HS256"})')

# --- basic-auth and other auth headers ---------------------------------------------------------------------------
c = 'auth-header'
for user in ['admin', 'deploy', 'api']:
    p = rpw(); v = b64s(f'{user}:{p}'); found(c, v, f'Authorization: Basic {v}')
p = pw(); v = b64s(f'ci:{p}'); found(c, v, f'curl -H "Authorization: Basic {v}" https://nexus.acme.io/service/rest/v1/status')
p = rpw(); v = b64s(f'ops:{p}'); found(c, v, f'Proxy-Authorization: Basic {v}')
p = rpw(); v = b64s(f'svc:{p}'); found(c, v, f"headers: {{ 'Authorization': 'Basic {v}' }}")
v = an(40); found(c, v, f'Authorization: Bearer {v}')
v = url64(48); found(c, v, f'curl -H "Authorization: Token {v}" https://api.acme.io/')
v = an(32); found(c, v, f'X-API-Key: {v}')
v = rpw(); found(c, v, f'curl -u admin:{v} https://jenkins.acme.io/api/json')
v = rpw(); found(c, v, f'wget --user=deploy --password={v} https://repo.acme.io/artifact.tgz')
clean(c, 'Authorization: Basic ${BASIC_AUTH}')
clean(c, 'Authorization: Basic <base64(user:password)>')
clean(c, 'WWW-Authenticate: Basic realm="Restricted"')
clean(c, 'Authorization: Bearer $TOKEN')
clean(c, 'curl -u "$USER:$PASS" https://api.acme.io/')
clean(c, 'X-API-Key: {{api_key}}')
clean(c, 'auth_type: basic')
clean(c, 'Authorization: Negotiate')
clean(c, 'curl -u admin https://jenkins.acme.io/  # prompts for the password')

# --- cloud credential files --------------------------------------------------------------------------------------
c = 'cloud-credentials'


def akid(prefix='AKIA'): return prefix + pick(UP + '234567', 16)


kid, sec = akid(), b64(40).replace('+', 'x')
found(c, sec, f'[default]\naws_access_key_id = {kid}\naws_secret_access_key = {sec}\nregion = eu-west-1')
kid, sec = akid('ASIA'), an(40)
tok = b64(300)
found(c, tok, f'[prod]\naws_access_key_id={kid}\naws_secret_access_key={sec}\naws_session_token={tok}')
kid = akid(); found(c, kid, f'AWS_ACCESS_KEY_ID={kid}')
sec = an(40); found(c, sec, f'"AccessKeyId": "{akid()}",\n"SecretAccessKey": "{sec}",')
sec = an(40); found(c, sec, f'[default]\naccess_key = {akid()}\nsecret_key = {sec}\nhost_base = s3.amazonaws.com')
v = b64(86) + '=='; found(c, v, f'DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey={v};EndpointSuffix=core.windows.net')
v = '1//0' + url64(99); found(c, v, '{"client_id": "' + str(R.randint(10**11, 10**12)) + '-' + lo(32) + '.apps.googleusercontent.com", "client_secret": "GOCSPX-' + url64(28) + '", "refresh_token": "' + v + '", "type": "authorized_user"}')
v = 'GOCSPX-' + url64(28); found(c, v, f'"client_secret": "{v}"')
v = b64s('-----BEGIN RSA PRIVATE KEY-----\n' + pem_body(600) + '\n-----END RSA PRIVATE KEY-----\n')
found(c, v, f'users:\n- name: admin\n  user:\n    client-certificate-data: {b64(800)}\n    client-key-data: {v}')
v = url64(40); found(c, v, f'users:\n- name: ci\n  user:\n    token: {v}')
v = 'dop_v1_' + hx(64); found(c, v, f'access-token: {v}\ncontext: default')
v = lo(16) + '.atlasv1.' + url64(67); found(c, v, f'credentials "app.terraform.io" {{\n  token = "{v}"\n}}')
v = b64s('ci-bot:' + rpw(16)); found(c, v, f'{{"auths": {{"registry.acme.io": {{"auth": "{v}"}}}}}}')
v = rpw(); found(c, v, f'machine api.heroku.com\n  login ops@acme.io\n  password {v}')
v = an(32); found(c, v, f'[distutils]\nindex-servers = internal\n\n[internal]\nrepository = https://pypi.acme.io\nusername = ci\npassword = {v}')
v = an(40); found(c, v, f'[Credentials]\naws_access_key_id = {akid()}\naws_secret_access_key = {v}')
v = an(32); found(c, v, f'[azure]\nsubscription_id={uid()}\nclient_id={uid()}\nsecret={v}\ntenant={uid()}')
clean(c, '[default]\nregion = eu-west-1\noutput = json')
clean(c, '[profile dev]\nsso_start_url = https://acme.awsapps.com/start\nsso_role_name = Developer')
clean(c, 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE')
clean(c, 'credential_process = /usr/local/bin/aws-vault exec prod --json')
clean(c, '"AccessKeyId": "${aws_access_key_id}"')
clean(c, 'DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=${STORAGE_KEY};EndpointSuffix=core.windows.net')
clean(c, '{"type": "service_account", "project_id": "acme-prod", "client_email": "ci@acme-prod.iam.gserviceaccount.com"}')
clean(c, 'users:\n- name: ci\n  user:\n    exec:\n      command: aws\n      args: ["eks", "get-token"]')
clean(c, '{"auths": {"registry.acme.io": {}}, "credsStore": "desktop"}')
clean(c, 'machine github.com login ci password ${GITHUB_TOKEN}')

# --- tool syntaxes named by the sixth-pass brief ------------------------------------------------------------------
c = 'tool-syntax'
v = rpw(); found(c, v, f'rsync -av --password-file=<(echo "{v}") ./dist/ backup@nas::builds/')
v = rpw(); found(c, v, f'rsync -az --password-file <(echo {v}) src/ rsync://mirror@files.acme.io/pub/')
v = rpw(); found(c, v, f"rsync --password-file=<(printf '%s' '{v}') -r out/ ci@store::drop")
v = rpw(); found(c, v, f'RSYNC_PASSWORD={v} rsync -av ./site/ www@web01::site')
v = rpw(); found(c, v, f'RSYNC_PASSWORD="{v}" rsync -av ./site/ www@web01::site')
v = 'xapp-1-A' + pick(UP + DG, 10) + '-' + str(R.randint(10**12, 10**13 - 1)) + '-' + hx(64)
found(c, v, f'SLACK_APP_TOKEN={v}')
v = 'xapp-1-A' + pick(UP + DG, 10) + '-' + str(R.randint(10**12, 10**13 - 1)) + '-' + hx(64)
found(c, v, f'app = App(token=os.environ["SLACK_BOT_TOKEN"])\nSocketModeHandler(app, "{v}").start()')
v = 'xapp-' + str(R.randint(10**11, 10**12)) + '-' + pick(LO + UP + DG + '/', 24)
found(c, v, f'ENV SLACK_APP_TOKEN="{v}"')
for n in [8, 9, 10]:
    v = str(R.randint(10 ** (n - 1), 10 ** n - 1)) + ':AA' + url64(33)
    found(c, v, f'TELEGRAM_BOT_TOKEN={v}')
v = str(R.randint(10 ** 5, 10 ** 6 - 1)) + ':AA' + url64(32)
found(c, v, f'bot = telebot.TeleBot("{v}")')
v = str(R.randint(10 ** 9, 10 ** 10 - 1)) + ':AA' + url64(32)
found(c, v, f'curl https://api.telegram.org/bot{v}/getMe')
v = rpw(); found(c, v, f'Connect-VIServer -Server vc01.acme.local -User administrator@vsphere.local -Password "{v}"')
v = rpw(); found(c, v, f"Connect-VIServer vcsa.lab -User root -Password '{v}' | Out-Null")
v = pw(); found(c, v, f'Connect-VIServer -Server esx01 -Protocol https -User root -Password {v}')
v = rpw(); found(c, v, f'$cred = New-Object System.Management.Automation.PSCredential("root", (ConvertTo-SecureString "{v}" -AsPlainText -Force))')
v = rpw(); found(c, v, f'psexec \\\\srv-app01 -u ACME\\svc_deploy -p {v} -h cmd /c ipconfig')
v = rpw(); found(c, v, f'PsExec64.exe \\\\10.0.0.5 -u administrator -p "{v}" -s powershell.exe')
v = pw(); found(c, v, f'psexec.exe -accepteula \\\\* -u admin -p {v} -d c:\\tools\\agent.exe')
v = rpw(); found(c, v, f"credentials {{\n    username 'deployer'\n    password '{v}'\n}}")
v = pw(); found(c, v, f'maven {{\n  url "https://nexus.acme.io/repository/releases"\n  credentials {{\n    username "ci"\n    password "{v}"\n  }}\n}}')
v = an(24); found(c, v, f'credentials {{\n    username = "ci"\n    password = "{v}"\n}}')
v = rpw(); found(c, v, f'repositories {{ maven {{ credentials {{ username "ci"; password "{v}" }} }} }}')
v = '{AQAAABAAAAAQ' + b64(44) + '=}'
found(c, v, f'<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n  <scope>GLOBAL</scope>\n  <id>nexus</id>\n  <username>ci</username>\n  <password>{v}</password>\n</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>')
v = '{AQAAABAAAAAw' + b64(64) + '=}'
found(c, v, f'<org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>\n  <id>slack</id>\n  <secret>{v}</secret>\n</org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>')
v = rpw(14)
found(c, v, f'<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n  <id>db</id>\n  <username>sa</username>\n  <password>{v}</password>\n</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>')
v = hx(34); found(c, v, f'<jenkins.security.ApiTokenProperty>\n  <apiToken>{v}</apiToken>\n</jenkins.security.ApiTokenProperty>')
clean(c, 'rsync -av --password-file=/etc/rsyncd.secret ./dist/ backup@nas::builds/')
clean(c, 'rsync -av --password-file=<(echo "$RSYNC_PASS") ./dist/ backup@nas::builds/')
clean(c, 'rsync -e "ssh -p 2222" -av ./ host:/srv/')
clean(c, 'xapp-1-A0XXXXXXXXX-0000000000000-xxxxxxxx')
clean(c, 'Slack app-level tokens start with xapp- and are created under Basic Information.')
clean(c, 'TELEGRAM_BOT_TOKEN=123456:ABC-DEF')
clean(c, 'at 12:30:45 the job 4711:Aborted')
clean(c, 'Connect-VIServer -Server $vc -User $user -Password $pass')
clean(c, 'Connect-VIServer -Server vc01 -Credential (Get-Credential)')
clean(c, 'psexec \\\\srv-app01 -u ACME\\svc -p %SVC_PASS% cmd')
clean(c, 'psexec \\\\srv01 -s -i cmd.exe')
clean(c, "credentials {\n    username project.findProperty('nexusUser')\n    password project.findProperty('nexusPassword')\n}")
clean(c, 'credentials {\n    username = System.getenv("MAVEN_USER")\n    password = System.getenv("MAVEN_PASSWORD")\n}')
clean(c, 'credentials {\n    username "$nexusUsername"\n    password "$nexusPassword"\n}')
clean(c, 'credentials(PasswordCredentials)')
clean(c, '<com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>\n  <id>nexus</id>\n  <username>ci</username>\n  <password>${NEXUS_PASSWORD}</password>\n</com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl>')
clean(c, "withCredentials([usernamePassword(credentialsId: 'nexus', usernameVariable: 'U', passwordVariable: 'P')]) { sh 'deploy' }")

# --- device configs, code idioms and prose pairs found missing while writing this file -----------------------------
c = 'device-code-prose'
v = rpw(); found(c, v, f'hostname edge-rtr01\n!\nusername netops privilege 15 password 0 {v}\n!')
v = rpw(); found(c, v, f'enable password {v}')
v = rpw(); found(c, v, f'Dim dbPassword As String = "{v}"')
v = rpw(); found(c, v, f'public String getPassword() {{ return "{v}"; }}')
v = rpw(); found(c, v, f'openssl enc -aes-256-cbc -salt -in dump.sql -out dump.sql.enc -k {v}')
v = rpw(); found(c, v, f'wpa_passphrase Office-5G {v} > /etc/wpa_supplicant/wpa_supplicant.conf')
v = rpw(); found(c, v, f'nmcli dev wifi connect Lab-AP password {v}')
v = rpw(); found(c, v, f'creds are admin:{v} (rotate after the demo)')
v = rpw(); found(c, v, f'log in with deploy/{v} to reach the console')
v = rpw(); found(c, v, f'staging login: root:{v}')
clean(c, 'username netops privilege 15 password 7 F' + HX(17))  # not a type 7 encoding (index > 15)
clean(c, 'service password-encryption\nusername netops privilege 15 secret 9 <hash>')
clean(c, 'Dim password As String = txtPassword.Text')
clean(c, 'public String getPassword() { return password; }')
clean(c, 'openssl enc -aes-256-cbc -in dump.sql -out dump.sql.enc -kfile /etc/backup.key')
clean(c, 'wpa_passphrase Office-5G < /run/secrets/wifi')
clean(c, 'login with google/oauth2 only')
clean(c, 'login at db01.acme.io:5432 first, then run the migration')
clean(c, 'sign in with admin/admin on first boot and change it')
clean(c, 'credentials: admin:<password>')
clean(c, 'recaptcha:\n  RECAPTCHA_SITE_KEY: 6L' + url64(38))

# --- the fifteenth pass: key names across languages, a label line then the value, vendor pairs, references -------
c = 'key-name-languages'
v = an(20); found(c, v, f'api_secret: str = "{v}"')
v = rpw(16); found(c, v, f'var apiKey = @"{v}";')
v = rpw(); found(c, v, f'if secret_key == "{v}":')
v = rpw(); found(c, v, f'contrasena.equals("{v}")')
v = rpw(); found(c, v, f'contraseña={v}')
v = an(16) + '?' + an(6); found(c, v, f'self.secret = "{v}"')
clean(c, 'api_key: str = ""')
clean(c, 'secret_key: Optional[str] = None')
clean(c, 'db_key: str = "users_by_email"')
clean(c, 'var apiKey = @"{0}";')
clean(c, 'if secret_key == "":')
clean(c, 'if (apiKey.equals("")) {')
clean(c, 'token = "?page=2&sort=asc"')
clean(c, 'contraseña = input("Contraseña: ")')

c = 'next-line-label'
v = an(32); found(c, v, f'acme api key:\n{v}')
v = hx(40); found(c, v, f'Here is the access token:\n\n   {v}\n')
v = an(28); found(c, v, f'zyntra client secret:\r\n{v}')
v = url64(36); found(c, v, f'Your deploy key:\n{v}\nKeep it safe.')
v = an(40); found(c, v, f'auth token:\n  "{v}"')
clean(c, 'public key:\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE' + an(20))
clean(c, 'Sort key:\nCreatedAtTimestamp')
clean(c, 'token:\n${GITHUB_TOKEN}')
clean(c, 'secret:\n  name: db-credentials\n  key: password')
clean(c, 'tokens:\n  - access\n  - refresh')
clean(c, 'Key:\n/etc/ssl/private/server.key')
clean(c, 'token:\ncom.example.auth.TokenProvider')
clean(c, f'Commit key:\n{hx(40)}')
clean(c, f'key:\n{uid()}')

c = 'vendor-pairs'
v = hx(32); found(c, v, f'client = Client("AC{hx(32)}", "{v}")')
v = hx(32); found(c, v, f'curl -u AC{hx(32)}:{v} https://api.twilio.com/2010-04-01/Accounts.json')
v = hx(32); found(c, v, f"new Twilio('AC{hx(32)}', '{v}');")
v = hx(64); found(c, v, f'export SL_API_KEY={v}')
v = hx(64); found(c, v, f'https://api.softlayer.com/soap/v3/{v}')
v = hx(64); found(c, v, f'https://SL{R.randint(10 ** 5, 10 ** 7)}:{v}@api.softlayer.com/rest/v3.1/SoftLayer_Account.json')
clean(c, f'client = Client("AC{hx(32)}", os.environ["TWILIO_AUTH_TOKEN"])')
clean(c, f'sids = ["AC{hx(32)}", "PN{hx(32)}"]')
clean(c, f'AC{hx(32)}: {R.randint(1, 999)} messages')
clean(c, 'https://api.softlayer.com/rest/v3.1/SoftLayer_Account/getObject.json')
clean(c, f'softlayer_username = "SL{R.randint(10 ** 5, 10 ** 7)}"')

c = 'references-truncated'
v = rpw(); found(c, v, f'DB_PASSWORD="{v}"\nAPI_KEY="op://dev/stripe/credential"')
v = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiI' + an(12) + 'In0.'; found(c, v, f'AUTH_TOKEN={v}')
clean(c, 'DB_PASSWORD="op://prod/postgres/password"')
clean(c, 'password: op://Private/postgres/password')
clean(c, 'DB_PASSWORD=@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/db-password/)')
clean(c, 'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...')
clean(c, 'Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0...')
clean(c, 'Authorization: Bearer eyJhbGciOiJFUzI1NiIsImtpZCI6InExIn0.')
clean(c, 'export OP_SERVICE_ACCOUNT_TOKEN=${{ secrets.OP_SERVICE_ACCOUNT_TOKEN }}')
clean(c, 'curl -H "Authorization: Bearer <token>" https://api.acme.io')

c = 'secret-lists'
for n in ['acme', 'zyntra']:
    v1, v2 = an(32), an(32)
    t = f'{n}_api_keys:\n  - {v1}\n  - {v2}'; found(c, v1, t); found(c, v2, t)
    v1, v2 = an(24), an(24)
    t = f'"{n}_tokens": ["{v1}", "{v2}"]'; found(c, v1, t); found(c, v2, t)
    v1, v2, v3 = an(28), an(28), an(28)
    t = f'{n.upper()}_SECRETS = [\n    "{v1}",\n    "{v2}",\n    "{v3}",\n]'; found(c, v1, t); found(c, v3, t)
    v1, v2 = an(24), an(24)
    t = f'var {n}Keys = []string{{\n\t"{v1}",\n\t"{v2}",\n}}'; found(c, v2, t)
    v1, v2 = hx(40), hx(40)
    t = f'{n}_api_key_1: {v1}\n{n}_api_key_2: {v2}'; found(c, v2, t)
clean(c, 'tokens = ["the", "quick", "brown", "fox"]')
clean(c, 'special_tokens: ["<s>", "</s>", "<pad>"]')
clean(c, 'keys = ["id", "created_at", "updated_at"]')
clean(c, f'vocab_tokens = ["{an(20)}", "{an(20)}"]')
clean(c, '"tokens": ["${TOKEN_A}", "${TOKEN_B}"]')
clean(c, f'keys = ["{uid()}", "{uid()}"]')
clean(c, 'secrets = ["db-password", "api-key", "smtp-password"]')
clean(c, 'keys:\n  - path: /etc/ssl/private/server.key\n  - path: /etc/ssl/private/ca.key')

if __name__ == '__main__':
    g.write(g.out)

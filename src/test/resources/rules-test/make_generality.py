#!/usr/bin/env python3
"""Writes generality.jsonl: fresh, hand-written credential snippets per class of issue 9 (configs, shell
history, logs, chat prose), every value random (never copied from a corpus or another scanner's suite).

  python3 src/test/resources/rules-test/make_generality.py > src/test/resources/rules-test/generality.jsonl

Each line: {"class", "expect": "found"|"clean", "value" (found: the secret a SECRET finding must cover),
"text"}. CredentialGeneralityTest runs every line through the default scanner.
"""
import base64
import json
import random
import string
import sys
import uuid

R = random.Random(20261201)
LO, UP, DG = string.ascii_lowercase, string.ascii_uppercase, string.digits
AN = LO + UP + DG


def pick(alphabet, n):
    while True:
        s = ''.join(R.choice(alphabet) for _ in range(n))
        if alphabet == AN and not (any(c in LO for c in s) and any(c in UP for c in s) and any(c in DG for c in s)):
            continue
        return s


def an(n): return pick(AN, n)
def lo(n): return pick(LO + DG, n)
def hx(n): return pick('0123456789abcdef', n)
def HX(n): return pick('0123456789ABCDEF', n)
def b64(n): return pick(AN + '+/', n)
def url64(n): return pick(AN + '-_', n)
def uid(): return str(uuid.UUID(int=R.getrandbits(128), version=4))


def pw():
    words = ['Tundra', 'Maple', 'Quartz', 'Harbor', 'Falcon', 'Cobalt', 'Juniper', 'Saffron', 'Pylon', 'Orchid']
    return R.choice(words) + str(R.randint(10, 9999)) + R.choice('!#%&*?@+')


def rpw(n=12):
    s = pick(AN + '!#%&*?@^', n)
    return s if any(c in '!#%&*?@^' for c in s) else s[:-1] + '#'


out = []


def found(cls, value, text):
    assert value in text, (cls, text)
    out.append({"class": cls, "expect": "found", "value": value, "text": text})


def clean(cls, text):
    out.append({"class": cls, "expect": "clean", "text": text})


# --- vendor formats named by issue 9, and other documented prefixed formats of much-used APIs -------------------
c = 'vendor-format'
v = '00' + url64(40); found(c, v, f'okta:\n  orgUrl: https://dev-{R.randint(100000,999999)}.okta.com\n  token: {v}')
v = '00' + url64(40); found(c, v, f'curl -H "Authorization: SSWS {v}" https://acme.okta.com/api/v1/users')
v = url64(64); found(c, v, f'AUTH0_CLIENT_SECRET: {v}')
v = url64(64); found(c, v, f'auth0:\n  domain: acme.eu.auth0.com\n  clientSecret: "{v}"')
v = an(40); found(c, v, f'HASURA_GRAPHQL_ADMIN_SECRET={v}')
v = an(32); found(c, v, f'curl -H "x-hasura-admin-secret: {v}" https://api.acme.hasura.app/v1/graphql')
v = 'shippo_live_' + hx(40); found(c, v, f'SHIPPO_TOKEN="{v}"')
v = 'shippo_test_' + hx(40); found(c, v, f'shippo.api_key = "{v}"')
v = an(37); found(c, v, f'SMARTSHEET_ACCESS_TOKEN={v}')
v = an(26); found(c, v, f'smartsheet_client = smartsheet.Smartsheet("{v}")')
v = b64(22) + '==:' + an(32); found(c, v, f'TABLEAU_PAT_SECRET="{v}"')
v = 'aio_' + an(28); found(c, v, f'ADAFRUIT_IO_KEY = "{v}"')
v = 'aio_' + an(28); found(c, v, f'#define AIO_KEY "{v}"')
v = 'sk_live_' + an(24); found(c, v, f'stripe.api_key = "{v}"')
v = 'rk_live_' + an(99); found(c, v, f'STRIPE_RESTRICTED_KEY={v}')
v = 'whsec_' + an(32); found(c, v, f'STRIPE_WEBHOOK_SECRET={v}')
v = 'ntn_' + DG[R.randint(1,9)] + pick(DG, 10) + an(35); found(c, v, f'NOTION_TOKEN={v}')
v = 'sb_secret_' + url64(22) + '_' + url64(8); found(c, v, f'SUPABASE_SECRET_KEY={v}')
v = 'sbp_' + hx(40); found(c, v, f'supabase login --token {v}')
v = 'dop_v1_' + hx(64); found(c, v, f'doctl auth init -t {v}')
v = 'pscale_tkn_' + url64(43); found(c, v, f'PLANETSCALE_SERVICE_TOKEN={v}')
v = 'napi_' + lo(64); found(c, v, f'NEON_API_KEY={v}')
v = 'figd_' + url64(40); found(c, v, f'X-Figma-Token: {v}')
v = 'lin_api_' + an(40); found(c, v, f'LINEAR_API_KEY={v}')
v = 'PMAK-' + hx(24) + '-' + hx(34); found(c, v, f'postman_api_key: {v}')
v = 'dp.pt.' + an(43); found(c, v, f'DOPPLER_TOKEN="{v}"')
v = 'pul-' + hx(40); found(c, v, f'export PULUMI_ACCESS_TOKEN={v}')
v = 'glsa_' + an(32) + '_' + hx(8); found(c, v, f'grafana_sa_token = "{v}"')
v = 'shpat_' + hx(32); found(c, v, f'X-Shopify-Access-Token: {v}')
v = 'EZAK' + hx(54); found(c, v, f'EASYPOST_API_KEY={v}')
v = 'FLWSECK-' + hx(32) + '-X'; found(c, v, f'FLW_SECRET_KEY={v}')
v = 'rzp_live_' + an(14); found(c, v, f'razorpay key id {v}')
v = 'pnu_' + an(36); found(c, v, f'prefect cloud login -k {v}')
v = 'tskey-auth-' + an(12) + 'CNTRL-' + an(33); found(c, v, f'tailscale up --authkey={v}')
v = 'sgp_' + hx(40); found(c, v, f'SRC_ACCESS_TOKEN={v}')
v = 'squ_' + hx(40); found(c, v, f'sonar-scanner -Dsonar.token={v}')
v = 'bkua_' + hx(40); found(c, v, f'BUILDKITE_API_TOKEN={v}')
v = 'CFPAT-' + url64(43); found(c, v, f'contentful_management_token: {v}')
v = 'mlsn.' + hx(64); found(c, v, f'MAILERSEND_API_KEY={v}')
v = 're_' + an(8) + '_' + an(24); found(c, v, f'RESEND_API_KEY={v}')
v = 'ops_eyJ' + url64(300); found(c, v, f'OP_SERVICE_ACCOUNT_TOKEN={v}')
v = 'dbtc_' + url64(50); found(c, v, f'DBT_CLOUD_API_TOKEN={v}')
v = 'dckr_pat_' + url64(27); found(c, v, f'echo {v} | docker login -u ci --password-stdin')
v = 'rubygems_' + hx(48); found(c, v, f'GEM_HOST_API_KEY={v}')
v = 'pat-na1-' + uid(); found(c, v, f'HUBSPOT_PRIVATE_APP_TOKEN={v}')
v = 'dt0c01.' + pick(UP + DG, 24) + '.' + pick(UP + DG, 64); found(c, v, f'DT_API_TOKEN={v}')
v = 'duffel_live_' + url64(43); found(c, v, f'duffel = Duffel(access_token="{v}")')
v = 'hf_' + pick(LO + UP, 34); found(c, v, f'huggingface-cli login --token {v}')
v = 'gsk_' + an(52); found(c, v, f'GROQ_API_KEY={v}')
v = 'xai-' + an(80); found(c, v, f'XAI_API_KEY={v}')
v = 'r8_' + an(37); found(c, v, f'REPLICATE_API_TOKEN={v}')
v = 'pplx-' + an(48); found(c, v, f'PERPLEXITY_API_KEY={v}')
v = 'glpat-' + url64(20); found(c, v, f'git clone https://oauth2:{v}@gitlab.com/acme/app.git')
v = 'ghp_' + an(36); found(c, v, f'gh auth login --with-token <<< {v}')
v = 'github_pat_' + an(22) + '_' + an(59); found(c, v, f'GITHUB_TOKEN={v}')
v = 'sk-ant-api03-' + url64(93) + 'AA'; found(c, v, f'ANTHROPIC_API_KEY={v}')
v = 'sk-proj-' + url64(156); found(c, v, f'OPENAI_API_KEY="{v}"')
v = 'AIza' + url64(35); found(c, v, f'const firebaseConfig = {{ apiKey: "{v}" }};')
v = 'xoxb-' + pick(DG, 12) + '-' + pick(DG, 13) + '-' + an(24); found(c, v, f'SLACK_BOT_TOKEN={v}')
v = 'npm_' + an(36); found(c, v, f'//registry.npmjs.org/:_authToken={v}')
v = 'pypi-AgEIcHlwaS5vcmc' + url64(70); found(c, v, f'[pypi]\n  username = __token__\n  password = {v}')
v = 'SG.' + url64(22) + '.' + url64(43); found(c, v, f'SENDGRID_API_KEY={v}')
v = 'AKIA' + pick(UP + '234567', 16); found(c, v, f'aws_access_key_id = {v}')
v = 'hvs.' + url64(24); found(c, v, f'export VAULT_TOKEN={v}')
v = 'dapi' + hx(32); found(c, v, f'DATABRICKS_TOKEN={v}')
v = 'ATATT3xFfGF0' + url64(171) + '=' + HX(8); found(c, v, f'JIRA_API_TOKEN={v}')
v = 'glc_' + base64.b64encode(json.dumps({"o": pick(DG, 7), "n": "stack-" + pick(DG, 6) + "-hm-read", "k": an(24), "m": {"r": "prod-us-east-0"}}).encode()).decode(); found(c, v, f'GRAFANA_CLOUD_TOKEN={v}')
v = 'lsv2_pt_' + hx(32) + '_' + hx(10); found(c, v, f'LANGCHAIN_API_KEY={v}')
v = 'xkeysib-' + hx(64) + '-' + an(16); found(c, v, f'BREVO_API_KEY={v}')
v = 'ser.' + an(22); found(c, v, f'flagsmith:\n  environmentKey: {v}')
v = 'default:production.' + hx(64); found(c, v, f'UNLEASH_SERVER_API_TOKEN={v}')
v = 'secret-token:mercury_production_wma_' + an(44) + '_yrucrem'; found(c, v, f'curl -H "Authorization: Bearer {v}" https://api.mercury.com/api/v1/accounts')
v = 'eyJhIjoi' + base64.b64encode(json.dumps({"a": hx(32), "t": uid(), "s": b64(44)}).encode()).decode()[8:]; found(c, v, f'docker run cloudflare/cloudflared:latest tunnel run --token {v}')
v = 'prod:' + R.choice(['quiet', 'amber', 'lucky']) + '-' + R.choice(['lynx', 'crane', 'otter']) + '-' + str(R.randint(100, 999)) + '|' + b64(64); found(c, v, f'npx convex deploy  # CONVEX_DEPLOY_KEY={v}')
v = uid(); found(c, v, f'export SAUCE_ACCESS_KEY={v}')
v = uid(); found(c, v, f'coda:\n  api_token: "{v}"')
v = '11' + hx(32); found(c, v, f'curl -u admin:{v} https://jenkins.contoso.io/job/build/buildWithParameters')
v = uid(); found(c, v, f'private static final String JENKINS_TRIGGER_TOKEN = "{v}";')
v = hx(80); found(c, v, f'abuseipdb_key: {v}')
v = an(32); found(c, v, f'client = shodan.Shodan("{v}")')
v = 'base64:' + base64.b64encode(bytes(R.getrandbits(8) for _ in range(32))).decode(); found(c, v[7:], f'APP_KEY={v}')
v = hx(128); found(c, v, f'production:\n  secret_key_base: {v}')
clean(c, 'ser.write(b"AT+RST\\r\\n")')
clean(c, f'jenkins build #{R.randint(100, 9999)} finished in 4m')
clean(c, f'coda release {uid()}')
# malformed tokens of a known format: not that format's secret, and not a generic one either
clean(c, f'GITHUB_TOKEN=ghp_{an(20)}')
clean(c, f'SLACK_TOKEN=xoxb-{pick(DG, 4)}')
clean(c, f'stripe_key = "sk_live_{an(6)}"')
clean(c, f'export OPENAI_API_KEY=sk-...')
clean(c, f'NPM_TOKEN=npm_{an(12)}')
clean(c, f'DOPPLER_TOKEN=dp.pt.{an(8)}')

# --- names ending in _key / Key / -key, and vendor phrases without = or : -----------------------------------
c = 'key-name'
for name, fmt in [('pastebin_key', '{n} = "{v}"'), ('PASTEBIN_KEY', 'export {n}={v}'), ('pastebinKey', '{n}: "{v}"'),
                  ('weather-key', '{n}: {v}'), ('mapquestKey', 'const {n} = "{v}";'), ('IPSTACK_KEY', '{n}="{v}"'),
                  ('licenseKey', '"{n}": "{v}"'), ('signing_key', "{n} = '{v}'"), ('encryptionKey', '{n} := "{v}"'),
                  ('ACME_MASTER_KEY', '{n}={v}'), ('hmac_key', '{n}: {v}'), ('app-key', '--{n} {v}')]:
    v = an(R.choice([24, 32, 40]))
    found(c, v, fmt.format(n=name, v=v))
for phrase in ['the pastebin api key {v}', 'our mapbox token {v} expires friday', 'use sendwave secret {v} for staging',
               'Here is my acme token {v}', 'new zenrows key {v}', 'weatherstack access key {v} (rotated)']:
    v = an(32)
    found(c, v, phrase.format(v=v))
clean(c, 'primaryKey: "created_at_and_user_id"')
clean(c, 'sortKey = "updatedAt"')
clean(c, 'cache_key = "user:profile:v2"')
clean(c, 'partition_key: tenant_id')
clean(c, 'foreign_key = models.ForeignKey(User, on_delete=models.CASCADE)')
clean(c, 'rotate the api key every 90 days and store it in the vault')
clean(c, 'i18nKey="settings.account.deleteButton"')
clean(c, 'hotkey: ctrl+shift+p')
clean(c, 'idempotency_key = request.headers.get("Idempotency-Key")')
clean(c, f'object_key = "uploads/2024/05/{uid()}.png"')
clean(c, 'registry key HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies')
clean(c, 'keyboard_layout_key = "en_US_intl"')

# --- vendor name as the only context: XML, Jenkins credentials, log lines, prose ----------------------------
c = 'vendor-context'
v = an(40); found(c, v, f'<credentials>\n  <id>mailjet-prod</id>\n  <secret>{v}</secret>\n</credentials>')
v = hx(32); found(c, v, f'<com.cloudbees.plugins.credentials.impl.StringCredentialsImpl>\n  <id>datadog-api</id>\n  <secret>{v}</secret>\n</com.cloudbees.plugins.credentials.impl.StringCredentialsImpl>')
v = hx(32); found(c, v, f'[INFO] Connecting to Datadog intake\n[DEBUG] Using Key={v}')
v = an(40); found(c, v, f'2024-05-02 10:11:12 DEBUG hasura client init, admin secret={v}')
v = an(40); found(c, v, f'fyi the hasura admin secret is {v}, dont share it')
v = hx(32); found(c, v, f'The new relic api key for staging: {v}')
v = hx(32); found(c, v, f'<add key="SendGridKey" value="{v}" />')
v = an(32); found(c, v, f'<property name="algolia.admin.key">{v}</property>')
v = hx(32); found(c, v, f'mailchimp key {v}-us14')
v = an(26); found(c, v, f'my smartsheet token is {v}')
v = uid(); found(c, v, f'HEROKU_API_KEY={v}')
v = uid(); found(c, v, f'postmark server token: {v}')
v = url64(40); found(c, v, f'CLOUDFLARE_API_TOKEN={v}')
v = hx(32); found(c, v, f'"pagerduty": {{"integration_key": "{v}"}}')
clean(c, f'[DEBUG] datadog trace id: {hx(32)}')
clean(c, f'asana task 12045{pick(DG, 11)} moved to done')
clean(c, f'<id>datadog-api</id><description>API key for the staging account, stored in vault</description>')
clean(c, 'We use Hasura for GraphQL and rotate the admin secret every month.')
clean(c, f'commit {hx(40)} fixes the datadog integration')
clean(c, f'Sentry event id {hx(32)} reported by the mobile app')

# --- connection strings and command lines ------------------------------------------------------------------
c = 'connection'
for tmpl in ['postgres://app:{p}@db.internal:5432/shop', 'postgresql://etl:{p}@10.1.2.3/warehouse?sslmode=require',
             'mongodb+srv://svc:{p}@cluster0.ab1cd.mongodb.net/?retryWrites=true',
             'mongodb://root:{p}@m1.local:27017,m2.local:27017,m3.local:27017/admin?replicaSet=rs0',
             'mysql://shop:{p}@mysql.prod:3306/shop', 'redis://default:{p}@redis-12345.c1.cloud.redislabs.com:12345',
             'rediss://:{p}@cache.acme.io:6380/0', 'amqp://guest2:{p}@rabbit:5672/%2F', 'amqps://orders:{p}@mq.acme.io/prod',
             'jdbc:postgresql://db:5432/app?user=app&password={p}', 'jdbc:mysql://db:3306/app?user=root&password={p}&useSSL=false',
             'jdbc:sqlserver://sql01:1433;databaseName=crm;user=crm_app;password={p};encrypt=true',
             'jdbc:oracle:thin:scott/{p}@//ora01:1521/ORCL',
             'Server=tcp:sql01.database.windows.net,1433;Initial Catalog=crm;User ID=crm;Password={p};Encrypt=True;',
             'Driver={{ODBC Driver 18 for SQL Server}};Server=sql02;Database=hr;Uid=hr_ro;Pwd={p};',
             'Provider=SQLOLEDB;Data Source=db3;User Id=sa;Password={p};', 'Host=pg1;Username=api;Password={p};Database=api',
             'mssql://sa:{p}@sql03:1433/master', 'sqlserver://sa:{p}@sql04?database=erp',
             'clickhouse://default:{p}@ch.internal:9000/metrics', 'nats://svc:{p}@nats.internal:4222',
             'ftp://deploy:{p}@ftp.acme.io/public_html', 'sftp://backup:{p}@10.0.0.9:22/backups',
             'smb://CORP;jdoe:{p}@fs01/share', 'mqtt://sensor:{p}@broker.local:1883', 'neo4j+s://neo4j:{p}@abcd1234.databases.neo4j.io',
             'couchbase://admin:{p}@cb1.internal', 'cockroachdb://root:{p}@crdb:26257/defaultdb?sslmode=verify-full',
             'snowflake://etl:{p}@acme-xy12345/analytics/public?warehouse=wh', 'ldaps://binduser:{p}@ldap.acme.io:636',
             'sqlalchemy.url = postgresql+psycopg2://web:{p}@pg:5432/web', 'DATABASE_URL=postgres://u_{u}:{p}@ec2-3-1-2-3.compute-1.amazonaws.com:5432/d1']:
    p = rpw(R.randint(10, 16)).replace('@', '#').replace(';', '!').replace('/', '%')
    found(c, p, tmpl.format(p=p, u=lo(6)))
clean(c, 'mongodb://app:Jq@%2Ftmp%2Fmongodb-27017.sock'.replace('Jq', an(10)))
clean(c, 'postgresql://user:password@localhost:5432/db')
clean(c, 'redis://:${REDIS_PASSWORD}@redis:6379')
clean(c, 'Server=sql01;Database=crm;Integrated Security=SSPI;')
clean(c, 'jdbc:postgresql://db:5432/app')
clean(c, 'postgres://app:%s@db/app' % '{{ .Values.db.password }}')
c = 'command-line'
for tmpl in ['psexec \\\\10.0.4.12 -u CORP\\svc -p {p} cmd /c ipconfig', 'PsExec64.exe \\\\ws-22 -u admin -p "{p}" -s powershell',
             'sshpass -p \'{p}\' ssh ops@10.0.0.7', 'sshpass -p {p} scp dump.sql backup@nas:/vol1',
             'mysql -u root -p{p} -h db.internal shop', 'mysqldump -uroot -p\'{p}\' --all-databases > all.sql',
             'mysql --user=app --password={p} app', 'curl -u admin:{p} https://jenkins.acme.io/api/json',
             'curl --user "deploy:{p}" -X POST https://nexus.acme.io/service/rest', 'net use Z: \\\\fs01\\share /user:CORP\\jdoe {p}',
             'net use \\\\10.1.1.5\\c$ {p} /user:administrator', 'PGPASSWORD={p} psql -h db -U app app',
             'psql "host=db user=app password={p} dbname=app"', 'docker login -u ci -p {p} registry.acme.io',
             'redis-cli -h cache -a {p} ping', 'ldapsearch -x -D "cn=admin,dc=acme,dc=io" -w {p} -b dc=acme,dc=io',
             'sqlcmd -S sql01 -U sa -P {p} -Q "select 1"', 'smbclient //fs01/share -U jdoe%{p}',
             'xfreerdp /v:10.0.0.4 /u:admin /p:{p}', 'wget --user=ci --password={p} https://repo.acme.io/a.tgz',
             'git clone https://jdoe:{p}@git.acme.io/team/app.git', 'mongo --username admin --password {p} --authenticationDatabase admin',
             'lftp -u deploy,{p} sftp://files.acme.io',
             'openssl pkcs12 -export -in c.pem -out c.p12 -passout pass:{p}', 'keytool -genkey -alias app -keystore ks.jks -storepass {p}',
             'ansible-playbook site.yml -e "ansible_password={p}"', 'echo \'{p}\' | sudo -S systemctl restart nginx',
             'Connect-VIServer vc01 -User admin -Password \'{p}\'', 'htpasswd -b -c .htpasswd admin {p}']:
    p = rpw(R.randint(10, 14)).replace('\'', '#').replace('"', '#').replace('@', '#').replace(':', '!').replace(',', '!').replace('%', '&')
    found(c, p, tmpl.format(p=p))
clean(c, 'psexec \\\\host7 -u ops -p $Password cmd')
clean(c, 'mysql -u root -p shop')
clean(c, 'curl -u "$USER:$PASS" https://api.acme.io')
clean(c, 'sshpass -p "$SSHPASS" ssh ops@host')
clean(c, 'net use Z: \\\\fs01\\share /user:CORP\\jdoe *')
clean(c, 'mysql -u root -p -h 127.0.0.1')
for tmpl in ['zip -q -P {p} export.zip report.csv', '7z x -p{p} archive.7z', 'ipmitool -H 10.20.0.{n} -U root -P {p} power status',
             'schtasks /change /tn sync /ru CORP\\svc /rp {p}', 'pscp -pw {p} build.tgz ops@10.0.0.{n}:/opt', 'cqlsh 10.0.0.{n} -u app -p {p}',
             'mongorestore --host db -u restore -p {p} dump/', 'az login -u ci@contoso.io -p {p}', 'redis-server /etc/redis.conf --requirepass {p}',
             'ssh-keygen -p -P {p} -N {p}x -f key', 'net user kiosk {p} /add', 'rabbitmqctl add_user billing {p}', 'sqlplus hr/{p}@XEPDB1',
             'lftp -u backup,{p} ftp://nas.local', 'mc alias set s3 https://s3.contoso.io AKIA{n}ABCDEF {p}', 'echo -n "svc:{p}" | base64',
             'docker login -u ci --password-stdin <<< {p}']:
    p = rpw(R.randint(10, 14)).replace('\'', '#').replace('"', '#').replace('@', '#').replace(':', '!').replace(',', '!').replace('%', '&').replace('/', '+')
    found(c, p, tmpl.format(p=p, n=R.randint(2, 250)))
c = 'config-file'
for tmpl in ['ENV POSTGRES_PASSWORD {p}', 'ARG ADMIN_PASS={p}', 'smtp.login(self.sender, "{p}")', 'ftp.login(creds.user, \'{p}\')',
             'pg01.internal:5432:billing:billing_app:{p}', '*:*:*:replicator:{p}',
             '<FileZilla3><Servers><Server><Host>ftp.contoso.io</Host><User>web</User><Pass encoding="base64">{b}</Pass></Server></Servers></FileZilla3>',
             '<component name="Microsoft-Windows-Shell-Setup">\n  <AutoLogon>\n    <Password>\n      <Value>{p}</Value>\n      <PlainText>true</PlainText>\n    </Password>\n  </AutoLogon>',
             '<server>\n  <id>releases</id>\n  <username>ci</username>\n  <password>{p}</password>\n</server>',
             'spring.datasource.password={p}', "define('DB_PASSWORD', '{p}');", '<user username="tomcat" password="{p}" roles="manager-gui"/>',
             '[client]\nuser=backup\npassword={p}', 'ansible_become_pass: {p}', 'MYSQL_ROOT_PASSWORD: {p}',
             "DATABASES = {{'default': {{'USER': 'web', 'PASSWORD': '{p}', 'HOST': 'db'}}}}", 'signing.password={p}']:
    p = rpw(R.randint(10, 14)).replace('\'', '#').replace('"', '#').replace('<', '#').replace(':', '!').replace('{', '#').replace('}', '#')
    b = base64.b64encode(p.encode()).decode()
    found(c, b if '{b}' in tmpl else p, tmpl.format(p=p, b=b))
v = an(28); found(c, v, f'ENV NPM_AUTH_TOKEN {v}')
clean(c, 'ENV POSTGRES_PASSWORD_FILE /run/secrets/pg')
clean(c, 'ENV DB_PASSWORD $DB_PASSWORD')
clean(c, 'ARG BUILD_TOKEN')
clean(c, 'pg01.internal:5432:billing:billing_app:*')
clean(c, '<Password><Value>*SENSITIVE*DATA*DELETED*</Value><PlainText>true</PlainText></Password>')
clean(c, 'server.login(self.user, self.password)')
clean(c, 'spring.datasource.password=${DB_PASSWORD}')
clean(c, '<password>${env.NEXUS_PASSWORD}</password>')
clean(c, 'ENV PATH /usr/local/bin:$PATH')
clean(c, 'PWD=/home/kim/src/app')
clean(c, 'DB_PASSWORD_FILE=/run/secrets/db_password')
clean(c, 'started at 10:54:32:120:44')
c = 'command-line'
clean(c, 'zip -r -q site.zip dist/')
clean(c, 'unzip -o bundle.zip -d out/')
clean(c, 'python -c "print(list(zip(a, b)))" -P')
clean(c, 'snmpget -v2c -c public 10.0.0.1 sysUpTime.0')
clean(c, 'net user kiosk /active:no')
clean(c, 'ls -p /var/log | grep -v /')
clean(c, 'ssh -p 2222 deploy@10.0.0.5')

# --- frontend build variables -------------------------------------------------------------------------------
c = 'frontend-env'
for n in ['REACT_APP_ADMIN_PASSWORD', 'NEXT_PUBLIC_DB_PASSWORD', 'VITE_API_SECRET', 'VUE_APP_CLIENT_SECRET',
          'REACT_APP_STRIPE_SECRET_KEY', 'NEXT_PUBLIC_SUPABASE_SERVICE_KEY', 'VITE_SMTP_PASSWORD', 'REACT_APP_JWT_SECRET']:
    v = rpw(14) if 'PASSWORD' in n else an(32)
    found(c, v, f'{n}={v}')
clean(c, 'REACT_APP_API_URL=https://api.acme.io')
clean(c, 'NEXT_PUBLIC_SITE_NAME=acme')
clean(c, 'const pw = process.env.NEXT_PUBLIC_ADMIN_PASSWORD')
clean(c, 'REACT_APP_AUTH_USERNAME=kestrel')
clean(c, 'VITE_ENABLE_PASSWORD_RESET=true')

# --- password hashes ---------------------------------------------------------------------------------------
c = 'password-hash'
CR = string.ascii_letters + string.digits + './'
def cr(n): return pick(CR, n)
found(c, v := '$1$' + cr(8) + '$' + cr(22), f'root:{v}:19000:0:99999:7:::')
found(c, v := '$5$rounds=5000$' + cr(16) + '$' + cr(43), f'admin:{v}:18500:0:99999:7:::')
found(c, v := '$6$' + cr(16) + '$' + cr(86), f'deploy:{v}:19200:0:99999:7:::')
found(c, v := '$y$j9T$' + cr(22) + '$' + cr(43), f'jdoe:{v}:19500::::::')
found(c, v := '$2b$12$' + cr(53), f"INSERT INTO users (email, pw) VALUES ('a@b.io', '{v}');")
found(c, v := '$2y$10$' + cr(53), f'"password_hash": "{v}"')
found(c, v := '$2a$08$' + cr(53), f'admin:{v}')
found(c, v := '$argon2id$v=19$m=65536,t=3,p=4$' + b64(22) + '$' + b64(43), f'hash = "{v}"')
found(c, v := '$argon2i$v=19$m=4096,t=3,p=1$' + b64(16) + '$' + b64(32), f'{v}')
found(c, v := hx(32) + ':' + hx(32), f'Administrator:500:{v}:::')
found(c, v := 'aad3b435b51404eeaad3b435b51404ee:' + hx(32), f'svc_sql:1104:{v}:::')
found(c, v := '$krb5asrep$23$jdoe@ACME.LOCAL:' + hx(32) + '$' + hx(200), f'{v}')
found(c, v := '$krb5tgs$23$*svc_sql$ACME.LOCAL$MSSQLSvc/sql01*$' + hx(32) + '$' + hx(300), f'{v}')
found(c, v := 'pbkdf2_sha256$600000$' + an(22) + '$' + b64(43) + '=', f"UPDATE auth_user SET password='{v}' WHERE id=1;")
found(c, v := '{SSHA}' + b64(32), f'userPassword: {v}')
found(c, v := '$P$B' + cr(30), f"user_pass = '{v}'")
found(c, v := 'SCRAM-SHA-256$4096:' + b64(24) + '$' + b64(43) + '=:' + b64(43) + '=', f"rolpassword = '{v}'")
found(c, v := '$apr1$' + cr(8) + '$' + cr(22), f'admin:{v}')
found(c, v := '$pbkdf2-sha512$25000$' + cr(22) + '$' + cr(86), f'admin_hash: "{v}"')
found(c, v := '$S$E' + cr(51), f"INSERT INTO users (name, pass) VALUES ('editor', '{v}');")
found(c, v := '0' + str(R.randint(0, 9)) + HX(18), f' username backup privilege 1 password 7 {v}')
found(c, v := '0x0200' + HX(136), f'sid: 0x01, password_hash: {v}')
found(c, v := '$DCC2$10240#' + lo(6) + '#' + hx(32), f'{v}')
found(c, v := hx(32), f'[+] NTLM hash: {v}')
found(c, v := 'sha1$' + an(5) + '$' + hx(40), f'"password": "{v}"')
found(c, v := '{pbkdf2}' + hx(96), f'spring.security.user.password={v}')
found(c, v := rpw(12).replace(',', '#'), f'spring.security.user.password={{noop}}{v}')
found(c, v := 'grub.pbkdf2.sha512.10000.' + HX(128) + '.' + HX(128), f'password_pbkdf2 root {v}')
found(c, v := '$keepass$*2*6000*222*' + hx(64) + '*' + hx(64) + '*' + hx(32) + '*' + hx(32) + '*' + hx(64), f'{v}')
found(c, v := rpw(12).replace('"', '#').replace(')', '#'), f'usermod -p "$(openssl passwd -6 {v})" kiosk')
clean(c, 'enable password 7 days')
clean(c, 'mov ax, 0x0200')
clean(c, 'NTLM hash: 31d6cfe0d16ae931b73c59d7e0c089c0')
clean(c, 'the KeePass format for hashcat is $keepass$*2*...')
clean(c, 'the hash format is $6$salt$hash (SHA-512 crypt)')
clean(c, 'bcrypt hashes start with $2b$ followed by the cost')
clean(c, 'Administrator:500:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::')
clean(c, 'price: $5 $6 $7 per seat')

# --- false alarms: password-named code, UUIDs, long hex, socket paths, ARNs, emulator keys -------------------
c = 'false-alarm'
clean(c, 'password_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbC123"')
clean(c, 'DB_PASSWORD_ARN=arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password')
clean(c, 'this.resetPassword = \'#reset-password\';')
clean(c, '.password-field input[type="password"] { border: 1px solid red; }')
clean(c, 'const passwordInput = document.querySelector("#password");')
clean(c, '$password = $_POST["password"];')
clean(c, "$pass = $_GET['pass'];")
clean(c, 'password = request.form["password"]')
clean(c, 'password = params[:password]')
clean(c, 'password: ${{ secrets.DB_PASSWORD }}')
clean(c, 'password = os.environ["DB_PASSWORD"]')
clean(c, 'String password = System.getenv("DB_PASSWORD");')
clean(c, 'password = getpass.getpass("Password: ")')
clean(c, 'password: !vault |')
clean(c, 'passwordField.setText(password);')
clean(c, f'export SESSION_TOKEN="{uid()}"')
clean(c, f'request_id_token = "{uid()}"')
clean(c, f'client_secret_id: {uid()}')
clean(c, f'secret_hash = "{hx(64)}{hx(6)}"')
clean(c, f'api_key_sha256: {hx(64)}')
clean(c, f'checksum_key = "{hx(45)}"')
clean(c, 'postgres://app:' + an(10) + '@%2Fvar%2Frun%2Fpostgresql/app')
clean(c, 'redis://:' + an(10) + '@/tmp/redis.sock')
clean(c, 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;')
clean(c, 'password_min_length = 12')
clean(c, 'password_reset_token_ttl: 3600')
clean(c, 'if (password == null || password.isEmpty()) return false;')
clean(c, 'def check_password(self, password: str) -> bool:')
clean(c, 'password = hash_password(raw_password)')
clean(c, 'token = jwt.encode(payload, key, algorithm="HS256")')
clean(c, 'secret = Secret.from_env("API_SECRET")')
clean(c, 'the password must be at least 12 characters and rotated every 90 days')
clean(c, 'Enter your password: ')
clean(c, 'password: "<your password here>"')
clean(c, 'api_key: "sk-...your key..."')
clean(c, f'image: nginx@sha256:{hx(64)}')
clean(c, f'integrity="sha384-{b64(64)}"')

# --- placeholders: a run or a repeat only as the whole value ------------------------------------------------
c = 'placeholder'
clean(c, 'api_key = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"')
clean(c, 'API_SECRET=1234567890abcdef1234567890abcdef')
clean(c, 'token: "abcdefghijklmnopqrstuvwxyz012345"')
clean(c, 'STRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx')
clean(c, 'client_secret = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6"')
clean(c, 'api_key = "0000000000000000000000000000000000000000"')
clean(c, 'password = "********"')
clean(c, 'GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX')
v = an(10) + 'ABCDEFGHIJ' + an(12); found(c, v, f'api_key = "{v}"')
v = 'Summer2024123!'; found(c, v, f'DB_PASSWORD={v}')

def write(records):
    for rec in records:
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    write(out)

#!/usr/bin/env python3
"""Writes languages.jsonl: the same credential classes as generality.jsonl, written the way other scanners'
tests write them: keyword assignments in many languages and config formats, credential files, package-manager
configs, infrastructure code, and the issue-9 gaps (expect scripts, openvpn, NetNTLM, DES crypt), each next to
realistic look-alikes (references, placeholders, i18n labels). Every value is random, made here.

  python3 src/test/resources/rules-test/make_languages.py > src/test/resources/rules-test/languages.jsonl

Same line format as generality.jsonl; CredentialGeneralityTest reads both files.
"""
import base64
import random

import make_generality as g
from make_generality import an, hx, HX, b64, url64, uid, pw, rpw, found, clean, cr

g.R = random.Random(20261202)
g.out = []
R = g.R


def b64s(s): return base64.b64encode(s.encode()).decode()


# --- config formats -----------------------------------------------------------------------------------------
c = 'config-format'
v = pw(); found(c, v, f'database:\n  host: db.internal\n  username: app\n  password: "{v}"')
v = an(32); found(c, v, f'[server]\nport = 8443\napi_token = "{v}"')
v = rpw(); found(c, v, f'[mysql]\nhost=10.0.4.2\nuser=report\npassword={v}')
v = rpw(); found(c, v, f'spring.mail.password={v}')
v = an(40); found(c, v, f'app.security.jwt-secret={v}')
v = rpw(14); found(c, v, f'<connection>\n  <user>sa</user>\n  <password>{v}</password>\n</connection>')
v = an(36); found(c, v, f'{{"service": "billing", "client_secret": "{v}"}}')
v = an(28); found(c, v, f'smtp:\n  auth_token: {v}')
v = rpw(); found(c, v, f'[credentials]\nadmin_password = \'{v}\'')
v = an(24) + hx(8); found(c, v, f'secret_key: {v}  # rotate quarterly')
clean(c, 'database:\n  password: ${DB_PASSWORD}')
clean(c, '[server]\napi_token = "{{ vault_api_token }}"')
clean(c, 'spring.mail.password=${MAIL_PASSWORD:}')
clean(c, 'password.reset.subject=Reset your password')
clean(c, 'login.password.label=Password')
clean(c, '{"forgotPassword": "Forgot your password?", "passwordHint": "At least 12 characters"}')
clean(c, 'messages:\n  password_mismatch: "The passwords do not match"')
clean(c, '<password>${env.DEPLOY_PASSWORD}</password>')
clean(c, 'password_min_length = 14\npassword_expiry_days = 90')
v = rpw(); found(c, v, f'bind 127.0.0.1\nrequirepass {v}')
v = rpw(); found(c, v, f'uri ldap://ldap.acme.io\nbinddn cn=nslcd,dc=acme,dc=io\nbindpw {v}')
v = rpw(); found(c, v, f'rootdn "cn=admin,dc=acme,dc=io"\nrootpw {v}')
clean(c, '# requirepass foobared')
v = '{SSHA}' + b64(32); found(c, v, f'rootpw {v}')

# --- code in many languages ---------------------------------------------------------------------------------
c = 'code-language'
v = rpw(); found(c, v, f"<?php\n$config['db_password'] = '{v}';")
v = an(32); found(c, v, f"define('STRIPE_SECRET', '{v}');")
v = rpw(); found(c, v, f'Rails.application.configure do\n  config.smtp_password = "{v}"\nend')
v = an(40); found(c, v, f'const apiSecret = "{v}"')
v = rpw(); found(c, v, f'db, err := sql.Open("postgres", "user=app password={v} host=db sslmode=disable")')
v = rpw(); found(c, v, f'private const string DbPassword = "{v}";')
v = an(32); found(c, v, f'let apiKey = "{v}"')
v = an(32); found(c, v, f'val clientSecret = "{v}"')
v = rpw(); found(c, v, f'String password = "{v}";')
v = an(40); found(c, v, f'static API_TOKEN: &str = "{v}";')
v = rpw(); found(c, v, f'conn = psycopg2.connect(host="db", user="etl", password="{v}")')
v = an(36); found(c, v, f'export const authToken = \'{v}\';')
v = rpw(); found(c, v, f'var password: String = "{v}"')
v = rpw(); found(c, v, f"'mysql' => ['driver' => 'mysql', 'password' => '{v}'],")
v = rpw(); found(c, v, f'config :app, App.Repo, username: "postgres", password: "{v}"')
clean(c, 'fun login(user: String, password: String, remember: Boolean): Result<Session>')
clean(c, "'password' => env('DB_PASSWORD'),")
clean(c, "$password = $_POST['password'];")
clean(c, 'password := os.Getenv("DB_PASSWORD")')
clean(c, 'var password = Environment.GetEnvironmentVariable("DB_PASSWORD");')
clean(c, 'let apiKey = ProcessInfo.processInfo.environment["API_KEY"]')
clean(c, 'val clientSecret = BuildConfig.CLIENT_SECRET')
clean(c, 'String password = new String(passwordField.getPassword());')
clean(c, 'if (password.length() < MIN_PASSWORD_LENGTH) throw new WeakPasswordException();')
clean(c, 'label = t("auth.password")')
clean(c, 'password = getpass.getpass("Password: ")')

# --- shells ---------------------------------------------------------------------------------------------------
c = 'shell'
v = rpw(); found(c, v, f"export PGPASSWORD='{v}'")
v = an(40); found(c, v, f'export API_TOKEN={v}')
v = rpw(); found(c, v, f'$env:DB_PASSWORD = "{v}"')
v = rpw(); found(c, v, f'$securePass = ConvertTo-SecureString "{v}" -AsPlainText -Force')
v = rpw(); found(c, v, f'set DB_PASS={v}')
v = an(32); found(c, v, f'set -gx SERVICE_SECRET {v}')
v = rpw(); found(c, v, f'mysql -u root -p{v} -h 127.0.0.1 app')
v = rpw(); found(c, v, f'sshpass -p \'{v}\' ssh ops@10.1.2.3')
v = rpw(); found(c, v, f'curl -u deploy:{v} https://nexus.acme.io/repository/raw/')
v = rpw(); found(c, v, f'docker login -u ci -p {v} registry.acme.io')
clean(c, 'export PGPASSWORD="$(cat /run/secrets/pg)"')
clean(c, '$env:DB_PASSWORD = (Get-Secret -Name DbPassword -AsPlainText)')
clean(c, 'read -s -p "Password: " PASSWORD')
clean(c, 'mysql -u root -p -h 127.0.0.1 app')
clean(c, 'ssh -p 2222 ops@10.1.2.3')
clean(c, 'docker login -u ci --password-stdin < token.txt')
clean(c, 'curl -u "$USER:$PASS" https://nexus.acme.io/')

# --- infrastructure code ----------------------------------------------------------------------------------------
c = 'infrastructure'
v = rpw(); found(c, v, f'resource "aws_db_instance" "main" {{\n  username = "admin"\n  password = "{v}"\n}}')
v = an(32); found(c, v, f'variable "api_token" {{\n  default = "{v}"\n}}')
v = rpw(); found(c, v, f'ENV DB_PASSWORD={v}')
v = an(40); found(c, v, f'ARG NPM_TOKEN={v}')
v = rpw(); found(c, v, f'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: {v}')
v = rpw(); found(c, v, f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: {v}')
v = rpw(); e = b64s(v); found(c, e, f'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: {e}')
v = an(32); e = b64s(v); found(c, e, f'kind: Secret\ndata:\n  api-token: {e}')
v = rpw(); found(c, v, f'- name: create user\n  mysql_user:\n    name: app\n    password: "{v}"')
v = rpw(); found(c, v, f'helm install db bitnami/postgresql --set auth.postgresPassword={v}')
clean(c, 'resource "aws_db_instance" "main" {\n  password = var.db_password\n}')
clean(c, 'password = data.aws_secretsmanager_secret_version.db.secret_string')
clean(c, 'ENV DB_PASSWORD_FILE=/run/secrets/db_password')
clean(c, 'ARG NPM_TOKEN')
clean(c, 'kubectl create secret generic db --from-file=password=./secrets/db.txt')
v = rpw(); found(c, v, f"kubectl create secret generic db --from-literal=password='{v}'")
clean(c, 'kind: Secret\ndata:\n  password: {{ .Values.db.password | b64enc }}')
clean(c, '    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}')
clean(c, '    password: "{{ lookup(\'env\', \'DB_PASSWORD\') }}"')
clean(c, 'kind: ConfigMap\ndata:\n  log-level: aW5mbw==')

# --- credential files -----------------------------------------------------------------------------------------
c = 'credential-file'
v = rpw(); found(c, v, f'machine api.heroku.com\n  login ops@acme.io\n  password {v}')
v = rpw(); found(c, v, f'db.acme.internal:5432:billing:report:{v}')
v = '$apr1$' + cr(8) + '$' + cr(22); found(c, v, f'admin:{v}')
v = rpw(); found(c, v, f'https://deploy:{v}@git.acme.io')
v = b64s('ci:' + rpw()); found(c, v, f'{{\n  "auths": {{\n    "registry.acme.io": {{\n      "auth": "{v}"\n    }}\n  }}\n}}')
v = rpw(); found(c, v, f'[client]\nuser=backup\npassword={v}')
v = an(40); found(c, v, f'[default]\naccess_key = {pw()}\nsecret_key = {v}')
v = rpw(); found(c, v, f'[remote]\ntype = sftp\nhost = files.acme.io\nuser = sync\npass = {v}')
v = rpw(); found(c, v, f'<server>\n  <id>nexus</id>\n  <username>deploy</username>\n  <password>{v}</password>\n</server>')
v = b64s('deploy:' + rpw()); found(c, v, f'{{"auths":{{"https://index.docker.io/v1/":{{"auth":"{v}"}}}}}}')
clean(c, 'machine api.heroku.com\n  login ops@acme.io')
clean(c, '*:*:*:*:*')
clean(c, '{"auths": {"registry.acme.io": {}}, "credsStore": "desktop"}')
clean(c, '<server>\n  <id>nexus</id>\n  <username>${env.NEXUS_USER}</username>\n  <password>${env.NEXUS_PASS}</password>\n</server>')
clean(c, 'https://git.acme.io/team/app.git')
clean(c, '[client]\nuser=backup\n# password is read from ~/.my.cnf.d/secret')

# --- package managers -------------------------------------------------------------------------------------------
c = 'package-manager'
v = rpw(); found(c, v, f'[global]\nindex-url = https://build:{v}@pypi.acme.io/simple')
v = 'npm_' + an(36); found(c, v, f'//registry.npmjs.org/:_authToken={v}')
v = b64s('ci:' + rpw()); found(c, v, f'registry=https://npm.acme.io/\n_auth={v}\nalways-auth=true')
v = b64s(rpw()); found(c, v, f'//npm.acme.io/:username=ci\n//npm.acme.io/:_password={v}')
v = 'rubygems_' + hx(48); found(c, v, f'---\n:rubygems_api_key: {v}')
v = 'cio' + an(32); found(c, v, f'[registry]\ntoken = "{v}"')
v = rpw(); found(c, v, f'<packageSourceCredentials>\n  <acme>\n    <add key="Username" value="ci" />\n    <add key="ClearTextPassword" value="{v}" />\n  </acme>\n</packageSourceCredentials>')
v = an(40); found(c, v, f'{{"http-basic": {{"repo.acme.io": {{"username": "ci", "password": "{v}"}}}}}}')
v = rpw(); found(c, v, f'mavenPassword={v}')
v = an(36); found(c, v, f'npmScopes:\n  acme:\n    npmAuthToken: {v}')
clean(c, '//registry.npmjs.org/:_authToken=${NPM_TOKEN}')
clean(c, '[global]\nindex-url = https://pypi.org/simple')
clean(c, '[registry]\ntoken = "$CARGO_REGISTRY_TOKEN"')
clean(c, '<add key="ClearTextPassword" value="%NUGET_PASSWORD%" />')
clean(c, 'npmScopes:\n  acme:\n    npmAuthToken: "${NPM_AUTH_TOKEN}"')
clean(c, 'mavenPassword=')

# --- issue-9 gaps: expect scripts, openvpn, NetNTLM, DES crypt ----------------------------------------------------
c = 'tool-gap'
v = rpw(); found(c, v, f'spawn ssh admin@10.0.0.5\nexpect "password:"\nsend "{v}\\r"\ninteract')
v = rpw(); found(c, v, f'expect "*assword*"\nsend -- "{v}\\r"')
v = rpw(); found(c, v, f'expect {{\n  "Password:" {{ send "{v}\\n" }}\n}}')
v = rpw(); found(c, v, f'openvpn --config client.ovpn --auth-user-pass <(printf "%s\\n%s\\n" vpnuser \'{v}\')')
v = rpw(); found(c, v, f'echo -e "vpnuser\\n{v}" > /etc/openvpn/auth.txt\nopenvpn --config office.ovpn --auth-user-pass /etc/openvpn/auth.txt')
v = 'jdoe::ACME:' + HX(48) + ':' + HX(48) + ':' + hx(16); found(c, v, f'[SMB] NTLMv1 Hash     : {v}')
v = 'svc_sql::CORP:' + hx(16) + ':' + HX(32) + ':' + hx(160); found(c, v, f'[SMB] NTLMv2-SSP Hash     : {v}')
v = 'bob::WS01:' + hx(48) + ':' + hx(48) + ':' + hx(16); found(c, v, f'hashcat -m 5500 hashes.txt # {v}')
v = cr(13); found(c, v, f'olduser:{v}:10933:0:99999:7:::')
v = cr(13); found(c, v, f'legacy:{v}:501:20:Legacy User:/home/legacy:/bin/sh')
clean(c, 'expect "password:"\nsend "$env(SSH_PASS)\\r"')
clean(c, 'expect "$ "\nsend "uptime\\r"')
clean(c, 'openvpn --config client.ovpn --auth-user-pass /etc/openvpn/creds.txt')
clean(c, 'nobody:*:19000:0:99999:7:::')
clean(c, 'sshd:!:19000::::::')
clean(c, 'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin')
clean(c, 'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin')

# --- look-alikes in prose and UI text ------------------------------------------------------------------------------
c = 'prose-look-alike'
clean(c, '"resetPassword": "Reset password", "changePassword": "Change your password"')
clean(c, 'msgid "Enter your password"\nmsgstr "Geben Sie Ihr Passwort ein"')
clean(c, 'password_label: "Mot de passe"')
clean(c, '<string name="password_hint">Password (8+ characters)</string>')
clean(c, 'PASSWORD_TOO_SHORT = "Password must be at least 8 characters"')
clean(c, 'The password field is required. Password: see the vault entry "prod/db".')
clean(c, '"tokenExpired": "Your session token has expired. Please sign in again."')
clean(c, 'secret_key: !!python/name:app.settings.load_secret')
clean(c, 'apiKey: "<YOUR_API_KEY>"')
clean(c, 'api_token = "REPLACE_WITH_YOUR_TOKEN"')

if __name__ == '__main__':
    g.write(g.out)

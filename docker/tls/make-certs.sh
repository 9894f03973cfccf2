#!/bin/sh
# The compose stack's own certificate authority and a server certificate for each of PostgreSQL,
# its replica and Redis (P-256 keys, two years), written once into $CERT_DIR (the `tls-certs`
# volume). With NODE_ENV=production Tally connects to them only with sslmode=verify-full and
# rediss://, trusting ca.crt (docs/security.md "TLS in transit"). A real deployment uses its own
# CA or its provider's; delete the volume to make new ones.
set -eu
CERT_DIR="${CERT_DIR:-/certs}"
# The uid the postgres and redis images run as: PostgreSQL refuses a key others can read.
SERVER_UID="${SERVER_UID:-999}"
cd "$CERT_DIR"
if [ -s ca.crt ]; then
  echo "certificates already in $CERT_DIR"
  exit 0
fi
umask 077
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
openssl req -x509 -new -key ca.key -subj "/CN=Tally compose CA" -days 730 \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.crt
for host in postgres postgres-replica redis; do
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$host.key"
  openssl req -new -key "$host.key" -subj "/CN=$host" -out "$host.csr"
  printf 'subjectAltName=DNS:%s,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n' "$host" > "$host.ext"
  openssl x509 -req -in "$host.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 730 -extfile "$host.ext" -out "$host.crt"
  rm "$host.csr" "$host.ext"
  chown "$SERVER_UID:$SERVER_UID" "$host.key"
done
# Certificates are public; the CA's key stays with root, the servers' keys with their servers.
chmod 644 ca.crt postgres.crt postgres-replica.crt redis.crt
chmod 755 .
echo "certificates written to $CERT_DIR"

#!/usr/bin/env bash
# The README's walk-through of the example service, checked: issue two keys, start the
# server on a free loopback port, and ask for an order with each key (the prescription is
# stripped without prescription:read), then with none.
set -euo pipefail
cd "$(dirname "$0")/../.."

dir=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT
cargo build -q -p scopec-example-service
bin=target/debug/scopec-example-service
db="$dir/keys.db"
orders=$("$bin" --db "$db" keys create --api management --scopes order:read | sed -n 's/^key [0-9]*: //p')
both=$("$bin" --db "$db" keys create --api management --scopes order:read,prescription:read | sed -n 's/^key [0-9]*: //p')
"$bin" --db "$db" keys list

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" --db "$db" serve --addr "127.0.0.1:$port" &
server=$!

python3 - "$port" "$orders" "$both" <<'PY'
import json, sys, time, urllib.error, urllib.request

port, orders, both = sys.argv[1], sys.argv[2], sys.argv[3]
url = f"http://127.0.0.1:{port}/v1/management_api/orders/o1"

def get(key):
    req = urllib.request.Request(url, headers={"X-API-Key": key} if key else {})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)

for _ in range(100):
    try:
        get(None)
        break
    except OSError:
        time.sleep(0.1)
status, body = get(orders)
assert status == 200 and "prescription" not in body, (status, body)
status, body = get(both)
assert status == 200 and body["prescription"]["uid"] == "rx_7f3a91", (status, body)
status, body = get(None)
assert status == 401 and body["code"] == "unauthorized", (status, body)
print("the example service strips, serves and refuses as the policy says")
PY

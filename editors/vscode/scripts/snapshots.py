"""Writes the TextMate grammar's snapshot tests (tests/*.policy) from the lines and the
scopes they must carry, placing each assertion's columns under its text (hand-counted
columns are easy to get wrong). Run from editors/vscode: `python3 scripts/snapshots.py`,
then `npm test`."""
def case(lines_spec):
    out=[]
    for src, asserts in lines_spec:
        out.append(src)
        for sub, scope, *occ in asserts:
            n = occ[0] if occ else 0
            idx=-1
            for _ in range(n+1):
                idx=src.index(sub, idx+1)
            if idx == 0:
                out.append("# " + "<" + "-"*(len(sub)-1) + " " + scope) if False else out.append("# <" + "-"*len(sub) + " " + scope)
            else:
                assert idx >= 1, (src, sub)
                out.append("#" + " "*(idx-1) + "^"*len(sub) + " " + scope)
    return "\n".join(out)+"\n"

K="keyword.other.scopec"; C="keyword.control.scopec"; S="variable.other.scope.scopec"; STR="string.quoted.double.scopec"
files = {
"declarations.policy": ("policy, groups, scopes, aliases, bundles, forbid, suppressions", [
 ('policy "Max AI API" {', [("policy", C), ('"Max AI API"', STR), ("{", "punctuation.section.block.scopec")]),
 ('    version "v3"', [("version", K)]),
 ('}', []),
 ('group "Notes" {', [("group", C)]),
 ('    scope read:soap_notes read "Include SOAP note content"', [("scope", C), ("read:soap_notes", S), ("read", "storage.modifier.access.scopec", 1), ('"Include SOAP note content"', STR)]),
 ('        requires read:notes', [("requires", K), ("read:notes", S)]),
 ('    scope orders_read write "Update orders"', [("orders_read", S), ("write", "storage.modifier.access.scopec")]),
 ('}', []),
 ('alias read:encounters = read:bills deprecated "Legacy name"', [("alias", C), ("read:encounters", S), ("=", "keyword.operator.assignment.scopec"), ("read:bills", S), ("deprecated", K)]),
 ('bundle "Sync" = stock_read, pharmacy_sku_write', [("bundle", C), ('"Sync"', "entity.name.type.bundle.scopec"), ("stock_read", S), (",", "keyword.operator.scopec"), ("pharmacy_sku_write", S)]),
 ('forbid visits, lab_values "No clinical scopes"', [("forbid", C)]),
 ('# scopec: allow(write-without-read) a reason', [("#", "comment.line.number-sign.scopec"), ("scopec:", "keyword.other.suppression.scopec"), ("write-without-read", "constant.other.rule.scopec")]),
]),
"apis.policy": ("apis, auth, keys, errors, endpoints and their bodies", [
 ('api maxcare "Max AI API" {', [("api", C), ("maxcare", "entity.name.type.api.scopec")]),
 ('    base "/v3"', [("base", K)]),
 ('    auth bearer prefix "max_prd_ak_" length 40..64 env production', [("auth", K), ("bearer", K), ("prefix", K), ("length", K), ("40..64", "constant.numeric.scopec")]),
 ('    auth legacy header "X-RxScale-Authorization"', [("legacy", K), ("header", K)]),
 ('    effective key & installation', [("effective", K), ("key", "variable.other.grant-set.scopec"), ("&", "keyword.operator.scopec"), ("installation", "variable.other.grant-set.scopec")]),
 ('    keys {', [("keys", C)]),
 ('        rotation grace 24h', [("rotation", K), ("grace", K), ("24h", "constant.numeric.scopec")]),
 ('    }', []),
 ('    errors {', [("errors", C)]),
 ('        403 forbidden "Insufficient scope. Required: {missing}"', [("403", "constant.numeric.scopec"), ("{missing}", "variable.other.placeholder.scopec")]),
 ('        trace "trace_id"', [("trace", K)]),
 ('    }', []),
 ('    GET /notes/{noteId} requires read:notes | (read:a & b_c) "Get a note" {', [("GET", "support.function.method.scopec"), ("/notes/{noteId}", "string.unquoted.path.scopec"), ("{noteId}", "variable.parameter.path.scopec"), ("requires", K), ("read:notes", S), ("|", "keyword.operator.scopec"), ("(", "punctuation.section.parens.scopec"), ("read:a", S), ("b_c", S), ('"Get a note"', STR), ("{", "punctuation.section.block.scopec", 1)]),
 ('        when ?includeSoapNote=true requires read:soap_notes', [("when", K), ("read:soap_notes", S)]),
 ('        strip prescription unless prescription:read', [("strip", K), ("unless", K), ("prescription:read", S)]),
 ('        mask email, phone unless write:patients', [("mask", K), ("write:patients", S)]),
 ('        query providerId required "The provider"', [("query", K), ("required", K)]),
 ('    }', []),
 ('    GET /files/{path*} requires public', [("{path*}", "variable.parameter.path.scopec"), ("public", K)]),
 ('    GET /marketplace/me requires authenticated "Who am I"', [("authenticated", K)]),
 ('}', []),
]),
"tests.policy": ("test blocks", [
 ('test "SOAP notes" {', [("test", C)]),
 ('    GET /v3/notes?includeSoapNote=true with read:notes => deny missing read:soap_notes', [("GET", "support.function.method.scopec"), ("/v3/notes?includeSoapNote=true", "string.unquoted.path.scopec"), ("with", K), ("read:notes", S), ("=>", "keyword.operator.scopec"), ("deny", K), ("missing", K), ("read:soap_notes", S)]),
 ('    GET /v3/patients with read:patients grant installation = no scopes => allow strip email', [("grant", K), ("no", K), ("scopes", K), ("allow", K), ("strip", K)]),
 ('    GET /v1/public_api/products/shop1 with product:read via header "X-Key" => allow', [("via", K), ("header", K)]),
 ('    GET /v1/orders/o1 api management with order:read => allow', [("api", C), ("management", "entity.name.type.api.scopec")]),
 ('    DELETE /v3/patients/p1 => method-not-allowed', [("DELETE", "support.function.method.scopec"), ("method-not-allowed", K)]),
 ('    GET /v3/unknown => not-found', [("not-found", K)]),
 ('    GET /v3/patients/../bills with read:patients => rejected', [("rejected", K)]),
 ('    GET /v3/patients => unauthenticated', [("unauthenticated", K)]),
 ('}', []),
]),
}

files["more.policy"] = ("policy settings, key facts, filters, rate tiers, body parameters", [
 ('policy "RxScale" {', [("policy", C)]),
 ('    docs    "https://docs.rxscale.com"', [("docs", K)]),
 ('    server  "https://api.rxscale.com" "Production"', [("server", K)]),
 ('    license "MIT" "https://opensource.org/licenses/MIT"', [("license", K)]),
 ('    note    "Least privilege"', [("note", K)]),
 ('}', []),
 ('rate tier2 "20+ per minute"', [("rate", C)]),
 ('scope notification_subscription:read read "List" since "2024"', [("notification_subscription:read", S), ("since", K)]),
 ('api public {', [("api", C)]),
 ('    header "X-Organization-Id" required "The clinic"', [("header", K), ("required", K)]),
 ('    rate tier2', [("rate", C)]),
 ('    keys {', [("keys", C)]),
 ('        kind "Data API key" "Used by your app"', [("kind", K)]),
 ('        shown once', [("shown", K), ("once", K)]),
 ('        stored sha256', [("stored", K)]),
 ('        expiry optional', [("expiry", K), ("optional", K)]),
 ('        revocation immediate', [("revocation", K), ("immediate", K)]),
 ('        audit "Every action is logged"', [("audit", K)]),
 ('    }', []),
 ('    GET /invoices requires read:invoices "List invoices" {', [("GET", "support.function.method.scopec")]),
 ('        filter issued_only "Only issued documents"', [("filter", K)]),
 ('    }', []),
 ('    POST /chat.postMessage requires chat:write "Post" {', [("POST", "support.function.method.scopec")]),
 ('        body channel required "The channel"', [("body", K), ("required", K)]),
 ('        rate tier2', [("rate", C)]),
 ('    }', []),
 ('}', []),
 ('errors {', [("errors", C)]),
 ('    404 not_found "No such endpoint: {path}"', [("404", "constant.numeric.scopec"), ("{path}", "variable.other.placeholder.scopec")]),
 ('}', []),
])

for name,(desc,spec) in files.items():
    open("tests/"+name,"w").write('# SYNTAX TEST "source.scopec" "%s"\n' % desc + case(spec))

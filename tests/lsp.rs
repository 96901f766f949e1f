//! `scopec lsp` as a process, spoken to over JSON-RPC the way an editor does: every
//! request kind the server offers, on the seed policies and on broken buffers.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// A client on one server process.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for responses.
    notifications: Vec<Value>,
}

impl Client {
    fn start(root: &std::path::Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_scopec"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start scopec lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice::<Value>(&body).expect("JSON")).is_err() {
                    return;
                }
            }
        });
        let mut client = Client { child, stdin, messages, next_id: 1, notifications: Vec::new() };
        let root_uri = uri(root);
        let init = client.request(
            "initialize",
            json!({"processId": null, "rootUri": root_uri, "capabilities": {}, "workspaceFolders": [{"uri": root_uri, "name": "root"}]}),
        );
        assert!(init["capabilities"]["hoverProvider"].as_bool().unwrap_or(false), "{init}");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The whole response (result or error).
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self
                .messages
                .recv_timeout(Duration::from_secs(20))
                .unwrap_or_else(|_| panic!("no answer to {method} within 20 s"));
            if m.get("id") == Some(&json!(id)) {
                return m;
            }
            self.notifications.push(m);
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.call(method, params);
        assert!(r.get("error").is_none(), "{method}: {r}");
        r["result"].clone()
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        if let Some(i) = self
            .notifications
            .iter()
            .position(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri)
        {
            return self.notifications.remove(i)["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
        }
        loop {
            let m = self.messages.recv_timeout(Duration::from_secs(20)).expect("diagnostics within 20 s");
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                return m["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
            }
            self.notifications.push(m);
        }
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "scopec", "version": 1, "text": text}}),
        );
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) -> Vec<Value> {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
        self.diagnostics(uri)
    }

    fn at(&mut self, method: &str, uri: &str, (line, character): (usize, usize), extra: Value) -> Value {
        let mut params = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        self.request(method, params)
    }

    fn stop(mut self) {
        let r = self.call("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null);
        self.notify("exit", Value::Null);
        for _ in 0..100 {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "exit status {status}");
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("the server did not exit within 5 s of `exit`");
    }
}

fn uri(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

/// The (line, UTF-16 column) of the `n`th occurrence of `needle` in `text`, plus `shift`.
fn find(text: &str, needle: &str, n: usize, shift: usize) -> (usize, usize) {
    let offset =
        text.match_indices(needle).nth(n).map(|(i, _)| i).unwrap_or_else(|| panic!("no {needle:?} #{n}")) + shift;
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let col = before.rsplit('\n').next().unwrap_or("").encode_utf16().count();
    (line, col)
}

fn seed(name: &str) -> (String, String) {
    let path = common::root().join("policies").join(format!("{name}.policy"));
    (uri(&path), std::fs::read_to_string(&path).expect("seed"))
}

fn labels(completion: &Value) -> Vec<String> {
    let items = completion.as_array().or_else(|| completion["items"].as_array()).cloned().unwrap_or_default();
    items.iter().filter_map(|i| i["label"].as_str().map(str::to_string)).collect()
}

#[test]
fn every_request_kind_on_the_seeds() {
    let root = common::root();
    let mut c = Client::start(&root);
    let (u, text) = seed("maxcare");
    assert_eq!(c.open(&u, &text), Vec::<Value>::new(), "the seed is clean");

    // hover: a scope, its endpoints and requirement; an alias; an endpoint spelled out.
    let h = c.at("textDocument/hover", &u, find(&text, "requires read:patients", 0, 10), json!({}));
    let v = h["contents"]["value"].as_str().unwrap_or("");
    assert!(
        v.contains("**scope** `read:patients` — read access")
            && v.contains("`GET /v3/patients/{id}` — `read:patients`"),
        "{v}"
    );
    let h = c.at("textDocument/hover", &u, find(&text, "read:encounters => allow", 0, 2), json!({}));
    assert!(
        h["contents"]["value"].as_str().unwrap_or("").contains("**alias** `read:encounters` of `read:bills`"),
        "{h}"
    );
    let h = c.at("textDocument/hover", &u, find(&text, "GET /notes requires", 0, 5), json!({}));
    let v = h["contents"]["value"].as_str().unwrap_or("");
    assert!(
        v.contains("Requires `read:notes`.") && v.contains("With `?includeSoapNote=true`, also `read:soap_notes`."),
        "{v}"
    );
    let h = c.at("textDocument/hover", &u, find(&text, "GET /marketplace/me", 0, 6), json!({}));
    assert!(h["contents"]["value"].as_str().unwrap_or("").contains("Requires any valid key."), "{h}");

    // definition and references of a scope used in an endpoint and in tests.
    let d = c.at("textDocument/definition", &u, find(&text, "requires read:claims", 0, 12), json!({}));
    assert_eq!(d["range"]["start"]["line"].as_u64(), Some(find(&text, "scope read:claims", 0, 0).0 as u64), "{d}");
    let r = c.at(
        "textDocument/references",
        &u,
        find(&text, "scope read:claims", 0, 8),
        json!({"context": {"includeDeclaration": true}}),
    );
    let expected = text.matches("read:claims").count();
    assert_eq!(r.as_array().map(Vec::len), Some(expected), "{r}");
    let r = c.at(
        "textDocument/references",
        &u,
        find(&text, "scope read:claims", 0, 8),
        json!({"context": {"includeDeclaration": false}}),
    );
    assert_eq!(r.as_array().map(Vec::len), Some(expected - 1));
    // and of an api named by a test (RxScale names none; the definition is the api line).

    // document symbols: the api with its 36 endpoints, the groups with their scopes.
    let s = c.request("textDocument/documentSymbol", json!({"textDocument": {"uri": u}}));
    let symbols = s.as_array().cloned().unwrap_or_default();
    let api = symbols.iter().find(|s| s["name"] == "maxcare").expect("the api symbol");
    assert_eq!(api["children"].as_array().map(Vec::len), Some(36));
    let notes = symbols.iter().find(|s| s["name"] == "Notes").expect("the Notes group");
    assert_eq!(notes["children"].as_array().map(Vec::len), Some(4));
    // workspace symbols across the folder's policies.
    let w = c.request("workspace/symbol", json!({"query": "read:patients"}));
    let files: std::collections::BTreeSet<String> =
        w.as_array().into_iter().flatten().filter_map(|s| s["location"]["uri"].as_str().map(str::to_string)).collect();
    assert!(
        files.iter().any(|f| f.ends_with("maxcare.policy")) && files.iter().any(|f| f.ends_with("plusmedical.policy")),
        "{files:?}"
    );

    // semantic tokens: a multiple of five numbers; the first token is the header comment.
    let t = c.request("textDocument/semanticTokens/full", json!({"textDocument": {"uri": u}}));
    let data: Vec<u64> = t["data"].as_array().into_iter().flatten().filter_map(Value::as_u64).collect();
    assert!(data.len() > 500 && data.len().is_multiple_of(5));
    assert_eq!(&data[..5], &[0, 0, text.lines().next().map_or(0, |l| l.encode_utf16().count() as u64), 2, 0]);

    // formatting: the seed is formatted, so no edit.
    let f = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": u}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(f, json!([]));
    c.stop();
}

#[test]
fn completion_rename_actions_and_formatting() {
    let root = common::root();
    let mut c = Client::start(&root);
    let (u, text) = seed("rxscale");
    c.open(&u, &text);

    // hover on a bundle: its scopes; rename of a bundle keeps it quoted.
    let h = c.at("textDocument/hover", &u, find(&text, "\"Pharmacy stock sync\"", 0, 3), json!({}));
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .contains("**bundle** \"Pharmacy stock sync\": `stock_read`, `pharmacy_sku_write`"),
        "{h}"
    );
    let r =
        c.at("textDocument/rename", &u, find(&text, "\"Pharmacy stock sync\"", 0, 3), json!({"newName": "Stock sync"}));
    let edits = r["changes"][&u].as_array().cloned().unwrap_or_default();
    assert_eq!(edits.len(), 1);
    assert!(
        !scopec::check(&apply(&text, &edits)).has_errors() && apply(&text, &edits).contains("bundle \"Stock sync\"")
    );

    // completion: scopes after `requires`, methods and keywords in an api, paths in tests.
    let (line, _) = find(&text, "    GET    /pharmacy_orders/ ", 0, 0);
    let edit = |line: usize, text: &str| json!([{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": text}]);
    c.change(&u, 2, edit(line, "    GET /x requires or\n"));
    let l = labels(&c.at("textDocument/completion", &u, (line, 23), json!({})));
    assert!(l.contains(&"orders_read".to_string()) && l.contains(&"order:read".to_string()), "{l:?}");
    c.change(&u, 3, json!([{"range": {"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": 0}}, "text": "    \n"}]));
    let l = labels(&c.at("textDocument/completion", &u, (line, 4), json!({})));
    assert!(l.contains(&"PATCH".to_string()) && l.contains(&"auth".to_string()), "{l:?}");
    // The buffer now holds one more line than the file, a blank one at `line`.
    let (test_line, _) = find(&text, "test \"", 0, 0);
    let test_line = test_line + 1;
    c.change(&u, 4, edit(test_line + 1, "    PATCH \n"));
    let l = labels(&c.at("textDocument/completion", &u, (test_line + 1, 10), json!({})));
    assert!(l.contains(&"/v1/external_pharmacy_api/pharmacy_skus/{uid}/stock".to_string()), "{l:?}");
    c.change(&u, 5, json!([{"text": text}]));
    let l = labels(&c.at("textDocument/completion", &u, (0, 0), json!({})));
    assert!(l.contains(&"policy".to_string()) && l.contains(&"bundle".to_string()), "{l:?}");

    // rename a scope everywhere in the file, tests included; the result is valid.
    let at = find(&text, "scope stock_write", 0, 8);
    let r = c.at("textDocument/rename", &u, at, json!({"newName": "sku:stock_write"}));
    let edits = r["changes"][&u].as_array().cloned().unwrap_or_default();
    // Every use outside comments (a comment quoting the seed mentions it too).
    let code: String = text.lines().map(|l| l.split('#').next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let tokens = code
        .split(|c: char| !(c.is_ascii_alphanumeric() || "_:.-".contains(c)))
        .filter(|w| *w == "stock_write")
        .count();
    assert_eq!(edits.len(), tokens, "{edits:?}");
    let renamed = apply(&text, &edits);
    assert!(!scopec::check(&renamed).has_errors() && renamed.contains("requires sku:stock_write | pharmacy_sku_write"));
    let bad = c.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": u}, "position": {"line": at.0, "character": at.1}, "newName": "orders_read"}),
    );
    assert!(bad["error"]["message"].as_str().unwrap_or("").contains("already declared"), "{bad}");

    // code actions: a typo's suggestion; an unused scope's allow line and removal.
    let broken = text.replacen(
        "requires orders_read                      \"List pharmacy orders\"",
        "requires orders_raed \"List pharmacy orders\"",
        1,
    );
    let ds = c.change(&u, 6, json!([{"text": broken}]));
    let typo = ds.iter().find(|d| d["code"] == "E0101").expect("unknown scope");
    let a = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": typo["range"], "context": {"diagnostics": [typo]}}),
    );
    assert!(a.as_array().into_iter().flatten().any(|x| x["title"] == "Replace with `orders_read`"), "{a}");
    let unused = text.replacen("scope orders_read ", "scope spare:read read \"Unused\"\n    scope orders_read ", 1);
    let ds = c.change(&u, 7, json!([{"text": unused}]));
    let lint = ds.iter().find(|d| d["code"] == "L0001").expect("unused-scope");
    let a = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": lint["range"], "context": {"diagnostics": [lint]}}),
    );
    let titles: Vec<&str> = a.as_array().into_iter().flatten().filter_map(|x| x["title"].as_str()).collect();
    assert!(
        titles.contains(&"Allow `unused-scope` here, with a reason") && titles.contains(&"Remove the unused scope"),
        "{titles:?}"
    );
    let remove = a
        .as_array()
        .into_iter()
        .flatten()
        .find(|x| x["title"] == "Remove the unused scope")
        .cloned()
        .unwrap_or_default();
    let removed = apply(&unused, remove["edit"]["changes"][&u].as_array().map_or(&[][..], Vec::as_slice));
    assert_eq!(removed, text);

    // formatting: a misaligned buffer gets scopec fmt's layout.
    let messy = text.replacen("    GET    /pharmacy_orders/ ", "    GET /pharmacy_orders/ ", 1);
    c.change(&u, 8, json!([{"text": messy}]));
    let f = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": u}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(apply(&messy, f.as_array().map_or(&[][..], Vec::as_slice)), text);
    c.stop();
}

/// Applies LSP text edits (non-overlapping) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, ch) = (p["line"].as_u64().unwrap_or(0) as usize, p["character"].as_u64().unwrap_or(0) as usize);
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let l = text[start..].split('\n').next().unwrap_or("");
        let mut units = 0;
        for (i, c) in l.char_indices() {
            if units >= ch {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + l.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap_or("").to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

#[test]
fn broken_buffers_and_utf16_positions() {
    let root = common::root();
    let mut c = Client::start(&root);
    let (u, text) = seed("plusmedical");
    c.open(&u, &text);
    // A half-typed endpoint line: a syntax error, and the server keeps answering.
    let (line, _) = find(&text, "    GET /doctors ", 0, 0);
    let ds = c.change(&u, 2, json!([{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "    GET /visits requ\n"}]));
    assert!(ds.iter().any(|d| d["code"] == "E0001"), "{ds:?}");
    assert_eq!(c.at("textDocument/hover", &u, (line, 10), json!({})), Value::Null);
    let l = labels(&c.at("textDocument/completion", &u, (line + 1, 4), json!({})));
    assert!(l.contains(&"GET".to_string()), "the block is still known: {l:?}");
    let l = labels(&c.at("textDocument/completion", &u, (line, 20), json!({})));
    assert!(l.is_empty() || l.iter().all(|x| !x.is_empty()));
    // Completion after `requires` on a broken buffer still offers the last good names.
    c.change(&u, 3, json!([{"range": {"start": {"line": line, "character": 0}, "end": {"line": line + 1, "character": 0}}, "text": "    GET /visits requires \n"}]));
    let l = labels(&c.at("textDocument/completion", &u, (line, 25), json!({})));
    assert!(l.contains(&"read:doctors".to_string()), "{l:?}");
    for request in ["textDocument/semanticTokens/full", "textDocument/documentSymbol"] {
        c.request(request, json!({"textDocument": {"uri": u}}));
    }
    let f = c.call(
        "textDocument/formatting",
        json!({"textDocument": {"uri": u}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert!(f.get("error").is_some(), "a buffer that does not parse is not formatted: {f}");

    // An unclosed brace.
    let unclosed = text.trim_end().strip_suffix('}').unwrap_or(&text).to_string();
    let ds = c.change(&u, 4, json!([{"text": unclosed}]));
    assert!(!ds.is_empty());

    // UTF-16: non-ASCII text before the cursor. "é" is one unit, "𝄞" two.
    let with_unicode = text.replacen("    GET /locations ", "    # é𝄞 x\n    GET /locations ", 1);
    assert!(c.change(&u, 5, json!([{"text": with_unicode}])).is_empty());
    let (l2, _) = find(&with_unicode, "# é𝄞 x", 0, 0);
    // Replace the `x` (UTF-16 column 4 + 1 + 1 + 2 + 1 = 9) with `y`.
    c.change(
        &u,
        6,
        json!([{"range": {"start": {"line": l2, "character": 9}, "end": {"line": l2, "character": 10}}, "text": "y"}]),
    );
    let h = c.at("textDocument/hover", &u, (l2 + 1, 10), json!({}));
    assert!(h["contents"]["value"].as_str().unwrap_or("").contains("`GET /api/public/v1/locations`"), "{h}");
    let f = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": u}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    let now = apply(&with_unicode.replacen("# é𝄞 x", "# é𝄞 y", 1), f.as_array().map_or(&[][..], Vec::as_slice));
    assert!(now.contains("# é𝄞 y\n"), "{now}");
    // Positions past the end of a line, inside a surrogate pair, past the end of the text.
    for (line, ch) in [(l2, 7), (l2, 999), (99_999, 0)] {
        c.at("textDocument/hover", &u, (line, ch), json!({}));
        c.at("textDocument/completion", &u, (line, ch), json!({}));
        c.at("textDocument/definition", &u, (line, ch), json!({}));
    }
    c.change(&u, 7, json!([{"range": {"start": {"line": 99_999, "character": 5}, "end": {"line": 99_999, "character": 9}}, "text": "# appended\n"}]));
    // An unknown method is an error answer, not a crash.
    let r = c.call("textDocument/prepareCallHierarchy", json!({}));
    assert_eq!(r["error"]["code"], json!(-32601));
    c.stop();
}

#[test]
fn diagnostics_use_the_nearest_scopec_toml() {
    let dir = common::rustc::work_dir("lsp-config");
    let nested = dir.join("policies");
    std::fs::create_dir_all(&nested).unwrap();
    let _ = std::fs::remove_file(dir.join("scopec.toml"));
    let policy = "policy \"T\" { version \"1\" }\nscope a read \"A\"\nscope unused read \"Unused\"\napi x {\n    auth bearer\n    GET /a requires a \"A\"\n}\n";
    let path = nested.join("t.policy");
    std::fs::write(&path, policy).unwrap();
    let mut c = Client::start(&dir);
    let u = uri(&path);
    let codes = |ds: &[Value]| {
        ds.iter()
            .map(|d| (d["code"].as_str().unwrap_or("").to_string(), d["severity"].as_u64().unwrap_or(0)))
            .collect::<Vec<_>>()
    };
    // Without a configuration: the unused scope is a warning (severity 2).
    let ds = c.open(&u, policy);
    assert!(codes(&ds).contains(&("L0001".to_string(), 2)), "{ds:?}");
    // A scopec.toml above the file that denies it: an error (1), once the file is saved.
    std::fs::write(dir.join("scopec.toml"), "[rules]\nunused-scope = \"deny\"\n").unwrap();
    c.notify("textDocument/didSave", json!({"textDocument": {"uri": u}}));
    let ds = c.diagnostics(&u);
    assert!(codes(&ds).contains(&("L0001".to_string(), 1)), "{ds:?}");
    // And one that allows it, announced as a changed watched file: no finding.
    std::fs::write(dir.join("scopec.toml"), "[rules]\nunused-scope = \"allow\"\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir.join("scopec.toml")), "type": 2}]}),
    );
    let ds = c.diagnostics(&u);
    assert!(!codes(&ds).iter().any(|(code, _)| code == "L0001"), "{ds:?}");
    // Every change is checked with it too.
    let ds = c.change(&u, 2, json!([{"text": policy}]));
    assert!(!codes(&ds).iter().any(|(code, _)| code == "L0001"), "{ds:?}");
    c.stop();
}

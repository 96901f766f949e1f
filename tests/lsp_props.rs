//! Random edits to the language server's document state. Each edit is applied both by the
//! server's `Document` and by a reference implementation here (UTF-16 positions, clamped
//! the same way), and the texts must agree; then random requests at random positions, sent
//! through the real message loop in-process, must each get an answer that is not a failed
//! handler. `SCOPEC_LSP_CASES` sets the number of edits (default 400).

mod common;

use std::time::Duration;

use common::requests::Rng;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use scopec::lsp::document::Document;
use serde_json::{Value, json};

const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "\"",
    "#",
    "é",
    "𝄞",
    "\n",
    "\r\n",
    "\r",
    " ",
    "    ",
    "requires ",
    "GET /x",
    "scope a read",
    "|",
    "&",
    "(",
    ")",
    "=>",
    "test \"t\" {",
    "api a {",
    "alias b = a",
    "read:patients",
    "allow",
    "strip f",
    "\\",
    "{id}",
    "?q=1",
    "with ",
    ":",
];

fn cases() -> usize {
    std::env::var("SCOPEC_LSP_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
}

/// A random position: usually inside the text, sometimes past a line's end or the text's.
fn position(rng: &mut Rng, text: &str) -> Position {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = if rng.chance(5) { lines.len() + rng.below(3) } else { rng.below(lines.len()) };
    let width = lines.get(line).map_or(0, |l| l.encode_utf16().count());
    let character = if rng.chance(10) { width + rng.below(5) } else { rng.below(width + 1) };
    Position { line: line as u32, character: character as u32 }
}

/// The reference: the byte offset of a position, clamped like the server's. Lines end at
/// `\n`, `\r\n` or a lone `\r`.
fn offset(text: &str, p: Position) -> usize {
    // (start, end) of each line's content, terminators excluded.
    let mut lines = Vec::new();
    let (bytes, mut start, mut i) = (text.as_bytes(), 0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push((start, i));
                start = i + 1;
            }
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                lines.push((start, i));
                start = i + 2;
                i += 1;
            }
            b'\r' => {
                lines.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push((start, text.len()));
    let Some(&(start, end)) = lines.get(p.line as usize) else {
        return text.len();
    };
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units >= p.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    end
}

fn edit(rng: &mut Rng, text: &str) -> TextDocumentContentChangeEvent {
    let (a, b) = (position(rng, text), position(rng, text));
    let (start, end) = if (a.line, a.character) <= (b.line, b.character) { (a, b) } else { (b, a) };
    let inserted: String = (0..rng.below(4)).map(|_| *rng.pick(FRAGMENTS)).collect();
    if rng.chance(3) {
        return TextDocumentContentChangeEvent { range: None, range_length: None, text: inserted };
    }
    TextDocumentContentChangeEvent { range: Some(Range { start, end }), range_length: None, text: inserted }
}

#[test]
fn random_edits_keep_the_text_the_editor_has() {
    let mut rng = Rng::new(0x5c09ec);
    let seed = std::fs::read_to_string(common::root().join("policies/maxcare.policy")).expect("seed");
    let mut doc = Document::new(seed.clone(), 1, &Default::default());
    let mut reference = seed;
    for n in 0..cases() {
        let change = edit(&mut rng, &reference);
        match &change.range {
            None => reference = change.text.clone(),
            Some(r) => {
                let (a, b) = (offset(&reference, r.start), offset(&reference, r.end));
                reference.replace_range(a.min(b)..a.max(b), &change.text);
            }
        }
        doc.apply(vec![change], n as i32 + 2);
        assert_eq!(doc.text, reference, "after edit {n}");
        if n % 8 == 0 {
            doc.recheck(&Default::default());
        }
    }
}

/// The server, in-process on a memory connection.
struct Server {
    client: Connection,
    next: i32,
}

impl Server {
    fn start() -> Server {
        let (server, client) = Connection::memory();
        std::thread::spawn(move || scopec::lsp::serve(&server));
        let mut s = Server { client, next: 1 };
        s.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
        s.notify("initialized", json!({}));
        s
    }

    fn notify(&mut self, method: &str, params: Value) {
        let n = Notification::new(method.to_string(), params);
        self.client.sender.send(Message::Notification(n)).expect("send");
    }

    fn request(&mut self, method: &str, params: Value) -> lsp_server::Response {
        let id = RequestId::from(self.next);
        self.next += 1;
        self.client.sender.send(Message::Request(Request::new(id.clone(), method.to_string(), params))).expect("send");
        loop {
            match self.client.receiver.recv_timeout(Duration::from_secs(20)) {
                Ok(Message::Response(r)) if r.id == id => return r,
                Ok(_) => continue,
                Err(_) => panic!("no answer to {method} within 20 s: a hung server"),
            }
        }
    }
}

#[test]
fn random_requests_on_randomly_edited_buffers_always_get_an_answer() {
    let mut rng = Rng::new(0x15e);
    let mut s = Server::start();
    let uri = "file:///nowhere/fuzz.policy";
    let mut text = std::fs::read_to_string(common::root().join("policies/rxscale.policy")).expect("seed");
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "scopec", "version": 1, "text": text}}),
    );
    let methods = [
        "textDocument/hover",
        "textDocument/completion",
        "textDocument/definition",
        "textDocument/references",
        "textDocument/rename",
        "textDocument/documentSymbol",
        "textDocument/semanticTokens/full",
        "textDocument/formatting",
        "textDocument/codeAction",
        "workspace/symbol",
    ];
    for n in 0..cases() / 4 {
        let change = edit(&mut rng, &text);
        if let Some(r) = &change.range {
            let (a, b) = (offset(&text, r.start), offset(&text, r.end));
            text.replace_range(a.min(b)..a.max(b), &change.text);
        } else {
            text = change.text.clone();
        }
        let changes = serde_json::to_value(vec![change]).expect("json");
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": n + 2}, "contentChanges": changes}),
        );
        for _ in 0..3 {
            let method = *rng.pick(&methods);
            let p = position(&mut rng, &text);
            let pos = json!({"line": p.line, "character": p.character});
            let params = json!({
                "textDocument": {"uri": uri},
                "position": pos,
                "context": {"includeDeclaration": true, "diagnostics": []},
                "newName": *rng.pick(&["x", "a:b", "with space", "", "read:patients"]),
                "range": {"start": pos, "end": pos},
                "options": {"tabSize": 4, "insertSpaces": true},
                "query": "a",
            });
            let r = s.request(method, params);
            if let Some(e) = &r.error {
                assert!(
                    !e.message.contains("handler failed"),
                    "{method} at {p:?} after edit {n}: {}\n{text}",
                    e.message
                );
            }
        }
    }
    let r = s.request("shutdown", Value::Null);
    assert!(r.error.is_none());
}

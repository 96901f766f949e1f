//! What an editor waits for: `scopec lsp`'s re-check of a buffer after one keystroke, and
//! the requests that follow it, on synthetic policies of 100 and 1,000 endpoints.
//!
//! Run: `cargo bench -p scopec-bench --bench editor`. `keystroke` applies one character
//! typed into a scope name of a requirement (then deletes it, alternating, so the text
//! stays the size it is) as an incremental change and re-checks the whole buffer: parse,
//! validate, lint, index. The others answer one request on the checked buffer.

use divan::Bencher;
use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use scopec::lsp::document::Document;
use scopec::synth::{SynthConfig, policy};

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [100, 1_000];

fn document(endpoints: usize) -> (Document, Position) {
    let text = policy(&SynthConfig { endpoints, ..SynthConfig::default() });
    // The middle endpoint line's requirement: where a keystroke lands.
    let lines: Vec<&str> = text.lines().collect();
    let requirement_lines: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].contains(" requires ")).collect();
    let line = requirement_lines[requirement_lines.len() / 2];
    let character = lines[line].find(" requires ").map_or(0, |c| c + " requires ".len() + 1);
    (Document::new(text, 1, &Default::default()), Position { line: line as u32, character: character as u32 })
}

#[divan::bench(args = SIZES, sample_count = 30, sample_size = 1)]
fn keystroke(b: Bencher, endpoints: usize) {
    let (mut doc, at) = document(endpoints);
    let config = Default::default();
    let mut typed = false;
    b.bench_local(|| {
        let end = Position { line: at.line, character: at.character + u32::from(typed) };
        let change = TextDocumentContentChangeEvent {
            range: Some(Range { start: at, end }),
            range_length: None,
            text: if typed { String::new() } else { "x".to_string() },
        };
        typed = !typed;
        doc.apply(vec![change], 2);
        doc.recheck(&config);
        divan::black_box(doc.analysis.diagnostics.len())
    });
}

#[divan::bench(args = SIZES, sample_count = 30, sample_size = 1)]
fn hover(b: Bencher, endpoints: usize) {
    let (doc, at) = document(endpoints);
    b.bench_local(|| divan::black_box(scopec::lsp::hover::hover(&doc, at)));
}

#[divan::bench(args = SIZES, sample_count = 30, sample_size = 1)]
fn completion(b: Bencher, endpoints: usize) {
    let (doc, at) = document(endpoints);
    b.bench_local(|| divan::black_box(scopec::lsp::completion::complete(&doc, at)));
}

#[divan::bench(args = SIZES, sample_count = 30, sample_size = 1)]
fn semantic_tokens(b: Bencher, endpoints: usize) {
    let (doc, _) = document(endpoints);
    b.bench_local(|| divan::black_box(scopec::lsp::tokens::full(&doc)));
}

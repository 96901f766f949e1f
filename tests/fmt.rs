//! `scopec fmt`: idempotent, meaning-preserving, comment-preserving and independent of the
//! input's layout, over the seeds, the fixtures and random valid policies.

mod common;

use common::policies::{commented, marked, plain, relaid};
use common::requests::Rng;
use proptest::prelude::*;
use scopec::fmt::format;

/// The model's debug text with spans blanked out: what a policy means, wherever it is written.
fn meaning(text: &str) -> String {
    let model = scopec::compile(text).unwrap_or_else(|d| panic!("does not compile: {d:?}\n{text}"));
    without_spans(&format!("{model:?}"))
}

fn without_spans(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("Span { start: ") {
        out.push_str(&rest[..at]);
        let close = rest[at..].find('}').unwrap();
        out.push('_');
        rest = &rest[at + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The comments of a policy, in order.
fn comments(text: &str) -> Vec<String> {
    let file = scopec::syntax::parse(text).file.unwrap();
    file.comments.iter().map(|c| c.text.trim_end().to_string()).collect()
}

/// What the linter reports (suppressions applied), by code and message.
fn findings(text: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> =
        scopec::check(text).diagnostics.iter().map(|d| (d.code.to_string(), d.message.clone())).collect();
    v.sort();
    v
}

/// Every property of `fmt` on one text that parses.
fn assert_formats(name: &str, text: &str) {
    let once = format(text).unwrap_or_else(|d| panic!("{name}: {d:?}"));
    let twice = format(&once).unwrap_or_else(|d| panic!("{name}, formatted: {d:?}\n{once}"));
    assert_eq!(twice, once, "{name}: formatting is not idempotent");
    assert_eq!(comments(&once), comments(text), "{name}: comments changed\n{once}");
    if scopec::compile(text).is_ok() {
        assert_eq!(meaning(&once), meaning(text), "{name}: the model changed\n{once}");
    }
    let (after, before) = (findings(&once), findings(text));
    assert!(
        after == before,
        "{name}: the findings changed (a suppression moved?)\n{after:#?}\n{before:#?}\n{text}\n----\n{once}"
    );
    assert!(once.ends_with('\n') || once.is_empty(), "{name}: no final newline");
    assert!(!once.lines().any(|l| l.ends_with(' ') || l.ends_with('\t')), "{name}: trailing whitespace");
    assert!(!once.contains("\n\n\n"), "{name}: two blank lines in a row");
}

#[test]
fn seeds_are_formatted() {
    for path in common::policies_in("policies") {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_formats(&common::display(&path), &text);
        assert_eq!(format(&text).unwrap(), text, "{} is not formatted: run `scopec fmt`", common::display(&path));
    }
}

#[test]
fn fixtures_format() {
    let mut formatted = 0;
    for dir in [
        "tests/fixtures/ok",
        "tests/fixtures/lint",
        "tests/fixtures/err",
        "tests/fixtures/failing",
        "tests/fixtures/openapi",
    ] {
        for path in common::policies_in(dir) {
            let text = std::fs::read_to_string(&path).unwrap();
            let parsed = scopec::syntax::parse(&text);
            if parsed.file.is_some() && parsed.diagnostics.is_empty() {
                assert_formats(&common::display(&path), &text);
                formatted += 1;
            } else {
                assert!(format(&text).is_err(), "{}: a file that does not parse was formatted", common::display(&path));
            }
        }
    }
    assert!(formatted > 60, "only {formatted} fixtures formatted");
}

#[test]
fn every_construct_has_one_layout() {
    let text = std::fs::read_to_string(common::root().join("tests/fixtures/fmt/messy.policy")).unwrap();
    insta::assert_snapshot!("fmt_messy", format(&text).unwrap());
}

#[test]
fn parentheses_are_canonical() {
    let wrap = |req: &str| {
        format!("policy \"P\" {{ }}\nscope a read\nscope b read\nscope c read\napi x {{ GET /x requires {req} }}\n")
    };
    for (written, canonical) in [
        ("a & b | c", "(a & b) | c"),
        ("((a & b)) | c", "(a & b) | c"),
        ("(a | b) | c", "a | b | c"),
        ("a | (b | c)", "a | (b | c)"),
        ("(a | b) & c", "(a | b) & c"),
        ("a & (b & c)", "a & (b & c)"),
        ("((a))", "a"),
    ] {
        let out = format(&wrap(written)).unwrap();
        assert!(out.contains(&format!("GET /x requires {canonical}\n")), "{written}:\n{out}");
    }
}

#[test]
fn line_endings_and_trailing_space_are_normalized() {
    let text = "policy \"P\" {   \r\n  version \"1\"\r}\r\n\r\n\r\n# end   \r\n";
    assert_eq!(format(text).unwrap(), "policy \"P\" {\n    version \"1\"\n}\n\n# end\n");
}

#[test]
fn a_file_that_does_not_parse_is_refused() {
    let d = format("policy \"P\" { version }").unwrap_err();
    assert_eq!(d[0].code, "E0001");
    assert!(format("").is_err());
}

#[test]
fn the_generator_makes_valid_policies() {
    for seed in 0..200 {
        let text = plain(&marked(&mut Rng::new(seed)));
        assert!(scopec::compile(&text).is_ok(), "seed {seed}: {:?}\n{text}", scopec::compile(&text).err());
    }
}

/// How many random policies: `SCOPEC_FMT_CASES` (CI runs 10,000 in a release build), else
/// 300 (a debug build of the whole suite stays quick).
fn cases() -> u32 {
    std::env::var("SCOPEC_FMT_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Idempotent, same model, same comments, same findings; and the layout of the input
    /// does not matter.
    #[test]
    fn random_policies_format(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let m = marked(&mut rng);
        let text = plain(&m);
        assert_formats(&format!("seed {seed}"), &text);
        let canonical = format(&text).unwrap();
        let moved = relaid(&m, &mut rng);
        prop_assert_eq!(format(&moved).unwrap(), canonical.clone(), "seed {}: relaid\n{}", seed, moved);
        let noted = commented(&m, &mut rng, false);
        assert_formats(&format!("seed {seed}, commented"), &noted);
        let suppressed = commented(&m, &mut rng, true);
        assert_formats(&format!("seed {seed}, with suppressions"), &suppressed);
    }
}
